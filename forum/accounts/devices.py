"""A short name for the device of a login, kept with the session instead of the raw user agent."""

from __future__ import annotations

# First match wins: Edge and Opera also say « Chrome », Chrome also says « Safari »,
# Android also says « Linux » and iPhones also say « Mac OS X ».
BROWSERS = (
    ("Edg", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
    ("CrOS", "ChromeOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
)


def device_summary(user_agent: str | None) -> str:
    """« Firefox sur Android »: enough for a member to recognise a device in a list, nothing more."""
    user_agent = (user_agent or "")[:1000]
    browser = next((name for marker, name in BROWSERS if marker in user_agent), "Navigateur inconnu")
    system = next((name for marker, name in SYSTEMS if marker in user_agent), "")
    return f"{browser} sur {system}" if system else browser

from tests.factories import make_reply, make_topic
from tests.helpers import page_text


def test_topic_page_and_list(make_client, member, other_member):
    topic = make_topic(member)
    make_reply(other_member, topic)
    browser = make_client(member)
    home = browser.get("/")
    assert home.status_code == 200, page_text(home)[:3000]
    assert topic.title in page_text(home)
    page = browser.get(f"/discussions/{topic.id}")
    assert page.status_code == 200, page_text(page)[-3000:]
    assert "médiation différée" in page_text(page)

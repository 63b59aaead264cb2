"""Registration → confirmation e-mail → pending → approval by the referent → login."""

from __future__ import annotations

from forum.accounts.models import Status, User
from forum.extensions import db
from forum.moderation.models import ModerationAction
from tests.helpers import mail_link, page_text

FORM = {
    "email": "Nouvelle.Mediatrice@Test.example ",
    "display_name": "Nora Nouvelle",
    "job_title": "Correspondante de nuit",
    "password": "une phrase assez longue",
    "confirm": "une phrase assez longue",
    "accept_charter": "y",
}


def _user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email))


def _register(client, structure, **changes):
    data = {**FORM, "structure_id": str(structure.id), **changes}
    return client.post_form("/inscription", data)


def test_registration_page_lists_structures_grouped_by_pole(client, structure, other_structure):
    page = page_text(client.get("/inscription"))
    assert '<optgroup label="Bretagne">' in page
    assert '<optgroup label="Occitanie">' in page
    assert structure.name in page and other_structure.name in page
    assert "charte d'utilisation" in page


def test_inactive_structure_is_not_offered(client, admin, structure):
    from forum.accounts.admin_actions import edit_structure

    edit_structure(admin, structure, name=structure.name, kind=structure.kind, pole_id=structure.pole_id,
                   city=structure.city, active=False)
    assert structure.name not in page_text(client.get("/inscription"))
    response = _register(client, structure)
    assert response.status_code == 422
    assert _user("nouvelle.mediatrice@test.example") is None


def test_full_journey_from_registration_to_first_login(client, make_client, structure, referent, outbox):
    response = _register(client, structure)
    assert response.status_code == 302
    page = page_text(client.get(response.headers["Location"]))
    assert "Confirmez votre adresse e-mail" in page
    user = _user("nouvelle.mediatrice@test.example")
    assert user.status == Status.PENDING and user.email_verified_at is None
    assert user.structure_id == structure.id and user.role == "member"

    # the confirmation e-mail is written after the response, to the mail folder
    confirmation = [m for m in outbox() if m["To"] == user.email]
    assert len(confirmation) == 1 and confirmation[0]["Subject"] == "Confirmez votre adresse e-mail"

    # not confirmed yet: the referent cannot approve, and login explains why
    login = client.post_form("/connexion", {"email": user.email, "password": FORM["password"]})
    assert "pas encore confirmée" in page_text(login)

    assert client.get(mail_link(confirmation[0])).status_code == 200
    db.session.refresh(user)
    assert user.email_verified_at is not None

    # the referent is told someone waits
    to_referent = [m for m in outbox() if m["To"] == referent.email]
    assert to_referent and "attend votre validation" in to_referent[-1]["Subject"]

    login = client.post_form("/connexion", {"email": user.email, "password": FORM["password"]})
    assert "attend la validation" in page_text(login)

    referent_client = make_client(referent)
    pending_page = page_text(referent_client.get("/comptes/en-attente"))
    assert "Nora Nouvelle" in pending_page
    response = referent_client.post_form(f"/comptes/{user.id}/valider")
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.status == Status.ACTIVE and user.approved_by_id == referent.id
    assert db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "approve_account"))
    approved = [m for m in outbox() if m["To"] == user.email][-1]
    assert approved["Subject"] == "Votre compte est validé"

    response = client.post_form("/connexion", {"email": user.email, "password": FORM["password"]})
    assert response.status_code == 302
    home = page_text(client.get("/"))
    assert "Bonjour Nora Nouvelle" in home


def test_referent_of_another_structure_cannot_approve_or_refuse(make_client, pending_user, other_referent):
    other = make_client(other_referent)
    assert "Paul Attente" not in page_text(other.get("/comptes/en-attente"))
    assert other.post_form(f"/comptes/{pending_user.id}/valider").status_code == 403
    assert other.post_form(f"/comptes/{pending_user.id}/refuser", {"reason": "x"}).status_code == 403
    db.session.refresh(pending_user)
    assert pending_user.status == Status.PENDING


def test_member_cannot_approve_an_account_of_their_own_structure(make_client, pending_user, member):
    assert make_client(member).post_form(f"/comptes/{pending_user.id}/valider").status_code == 403
    db.session.refresh(pending_user)
    assert pending_user.status == Status.PENDING


def test_refusal_erases_the_account_and_tells_the_person(make_client, pending_user, referent, outbox):
    email, structure_name = pending_user.email, pending_user.structure.name
    response = make_client(referent).post_form(f"/comptes/{pending_user.id}/refuser",
                                               {"reason": "Personne inconnue du service"})
    assert response.status_code == 302
    assert _user(email) is None
    refusal = [m for m in outbox() if m["To"] == email][-1]
    assert "n'a pas été acceptée" in refusal["Subject"]
    assert "Personne inconnue du service" in refusal.get_content()
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "refuse_account"))
    assert entry.actor_id == referent.id and "Paul Attente" not in entry.target_label
    assert structure_name in entry.target_label and entry.reason == "Personne inconnue du service"


def test_admin_approves_accounts_of_any_structure(make_client, pending_user, admin):
    assert make_client(admin).post_form(f"/comptes/{pending_user.id}/valider").status_code == 302
    db.session.refresh(pending_user)
    assert pending_user.status == Status.ACTIVE


def test_structure_without_referent_alerts_the_administrators(client, other_structure, admin, outbox):
    _register(client, other_structure)
    user = _user("nouvelle.mediatrice@test.example")
    confirmation = [m for m in outbox() if m["To"] == user.email][0]
    client.get(mail_link(confirmation))
    assert any(m["To"] == admin.email and "validation" in m["Subject"] for m in outbox())


def test_expired_or_forged_confirmation_link_is_refused(client, app, structure):
    _register(client, structure)
    response = client.get("/inscription/confirmer/not-a-token", follow_redirects=True)
    assert "n'est pas valide" in page_text(response)
    assert _user("nouvelle.mediatrice@test.example").email_verified_at is None


def test_a_request_already_decided_elsewhere_is_explained(make_client, pending_user, referent, admin):
    first, second = make_client(referent), make_client(admin)
    assert first.post_form(f"/comptes/{pending_user.id}/valider").status_code == 302
    response = second.post_form(f"/comptes/{pending_user.id}/refuser", {"reason": ""}, follow_redirects=True)
    assert "Cette demande a déjà été traitée" in page_text(response)
    db.session.refresh(pending_user)
    assert pending_user.status == Status.ACTIVE


def test_refreshing_the_registration_page_does_not_register_twice(client, structure):
    response = _register(client, structure)
    assert response.headers["Location"] == "/inscription/enregistree"
    assert "Confirmez votre adresse e-mail" in page_text(client.get("/inscription/enregistree"))
    assert db.session.scalar(db.select(db.func.count(User.id)).where(User.email == "nouvelle.mediatrice@test.example")) == 1

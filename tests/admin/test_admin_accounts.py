"""Administrators change roles and animated poles, suspend and reactivate accounts."""

from __future__ import annotations

from forum import policy
from forum.accounts.models import Status
from forum.extensions import db
from forum.moderation.models import ModerationAction
from tests.factories import pole
from tests.helpers import page_text


def _membership(user, role, poles=(), structure=None):
    data = {"m-role": role, "m-structure_id": str((structure or user.structure).id)}
    if poles:
        data["m-poles"] = [str(pole(slug).id) for slug in poles]
    return data


def test_admin_makes_a_member_animator_of_two_poles(make_client, admin, member):
    response = make_client(admin).post_form(f"/admin/comptes/{member.id}/role",
                                            _membership(member, "pole_animator", ["bretagne", "normandie"]))
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.role == "pole_animator"
    assert {p.slug for p in member.animated_poles} == {"bretagne", "normandie"}
    assert policy.animates(member, pole("bretagne").id) and not policy.animates(member, pole("occitanie").id)
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "change_role"))
    assert entry.actor_id == admin.id and "Animation de pôle" in entry.reason


def test_animator_without_a_pole_is_refused(make_client, admin, member):
    response = make_client(admin).post_form(f"/admin/comptes/{member.id}/role", _membership(member, "pole_animator"))
    assert response.status_code == 422
    assert "au moins un pôle" in page_text(response)
    db.session.refresh(member)
    assert member.role == "member"


def test_tampered_role_or_structure_is_refused(make_client, admin, member):
    browser = make_client(admin)
    forged = browser.post_form(f"/admin/comptes/{member.id}/role", _membership(member, "superuser"))
    assert forged.status_code == 422 and "Choisissez une option dans la liste." in page_text(forged)
    ghost = browser.post_form(f"/admin/comptes/{member.id}/role",
                              {"m-role": "member", "m-structure_id": "999999"})
    assert ghost.status_code == 422
    garbage = browser.post_form(f"/admin/comptes/{member.id}/role",
                                {"m-role": "member", "m-structure_id": "abc", "m-poles": ["x"]})
    assert garbage.status_code == 422
    db.session.refresh(member)
    assert member.role == "member"


def test_admin_moves_an_account_to_another_structure(make_client, admin, member, other_structure):
    make_client(admin).post_form(f"/admin/comptes/{member.id}/role",
                                 _membership(member, "structure_referent", structure=other_structure))
    db.session.refresh(member)
    assert member.structure_id == other_structure.id and member.role == "structure_referent"


def test_admin_cannot_change_own_role(make_client, admin):
    response = make_client(admin).post_form(f"/admin/comptes/{admin.id}/role", _membership(admin, "member"))
    assert response.status_code == 403
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_suspension_with_end_date_then_reactivation(make_client, admin, member, outbox):
    browser = make_client(admin)
    response = browser.post_form(f"/admin/comptes/{member.id}/suspendre",
                                 {"s-until": "2099-01-15", "s-reason": "Propos injurieux"})
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.status == Status.SUSPENDED and member.suspended_until.year == 2099
    assert "suspendu jusqu'au" in outbox()[-1].get_content()
    assert browser.post_form(f"/admin/comptes/{member.id}/reactiver").status_code == 302
    db.session.refresh(member)
    assert member.status == Status.ACTIVE and member.suspended_until is None
    actions = db.session.scalars(db.select(ModerationAction.action).order_by(ModerationAction.id)).all()
    assert actions[-2:] == ["suspend_account", "reactivate_account"]


def test_suspension_needs_a_reason_and_a_future_date(make_client, admin, member):
    browser = make_client(admin)
    no_reason = browser.post_form(f"/admin/comptes/{member.id}/suspendre", {"s-until": "", "s-reason": " "})
    assert no_reason.status_code == 422 and "Indiquez le motif" in page_text(no_reason)
    past = browser.post_form(f"/admin/comptes/{member.id}/suspendre", {"s-until": "2001-01-01", "s-reason": "x"})
    assert past.status_code == 422 and "dans le futur" in page_text(past)
    bad_date = browser.post_form(f"/admin/comptes/{member.id}/suspendre", {"s-until": "demain", "s-reason": "x"})
    assert bad_date.status_code == 422
    db.session.refresh(member)
    assert member.status == Status.ACTIVE


def test_accounts_list_filters_by_state_and_name(make_client, admin, member, pending_user):
    browser = make_client(admin)
    pending_page = page_text(browser.get("/admin/comptes?statut=pending"))
    assert "Paul Attente" in pending_page and "Léa Membre" not in pending_page
    search = page_text(browser.get("/admin/comptes?q=léa"))
    assert "Léa Membre" in search and "Paul Attente" not in search
    assert browser.get("/admin/comptes?statut=nimporte&page=abc").status_code == 200


def test_journal_lists_administration_actions(make_client, admin, member):
    browser = make_client(admin)
    browser.post_form(f"/admin/comptes/{member.id}/suspendre", {"s-until": "", "s-reason": "Spam"})
    page = page_text(browser.get("/admin/journal"))
    assert "Compte suspendu" in page and "Léa Membre" in page and "Spam" in page


def test_poles_for_a_role_that_animates_none_are_refused(make_client, admin, member):
    response = make_client(admin).post_form(f"/admin/comptes/{member.id}/role",
                                            _membership(member, "member", ["bretagne"]))
    assert response.status_code == 422 and "décochez les pôles" in page_text(response)


def test_saving_an_unchanged_role_writes_no_journal_line(make_client, admin, member):
    make_client(admin).post_form(f"/admin/comptes/{member.id}/role", _membership(member, "member"))
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))
                             .where(ModerationAction.action == "change_role")) == 0


def test_account_search_treats_percent_and_underscore_as_text(make_client, admin, member):
    page = page_text(make_client(admin).get("/admin/comptes?q=%25"))
    assert "Léa Membre" not in page and "Aucun compte ne correspond" in page


def test_accounts_list_filters_by_role(make_client, admin, member, referent):
    page = page_text(make_client(admin).get("/admin/comptes?role=structure_referent"))
    assert "Rémi Référent" in page and "Léa Membre" not in page

"""The administrators' page of watched words and expressions (« Mots surveillés »)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from forum import policy
from forum.errors import ActionError
from forum.moderation import watchwords
from forum.moderation.blueprint import bp
from forum.moderation.forms import ModerationForm, WatchedWordForm
from forum.moderation.models import WATCHED_EFFECT_LABELS, WatchedWord


def _page(form: WatchedWordForm, status: int = 200):
    return render_template("moderation/watched_words.html", form=form, words=watchwords.watched_words(),
                           effects=WATCHED_EFFECT_LABELS), status


@bp.route("/mots-surveilles", methods=["GET", "POST"])
def watched_words():
    policy.require(current_user, "manage", WatchedWord)
    form = WatchedWordForm()
    if not form.is_submitted():
        return _page(form)
    if form.validate():
        try:
            word = watchwords.add_word(current_user, form.phrase.data, form.effect.data)
        except ActionError as error:
            form.add_action_error(error)
        else:
            flash(f"« {word.phrase} » est surveillé : {WATCHED_EFFECT_LABELS[word.effect].lower()}.", "success")
            return redirect(url_for("moderation.watched_words"))
    return _page(form, 422)


@bp.route("/mots-surveilles/<int:word_id>/retirer", methods=["POST"])
def remove_watched_word(word_id: int):
    policy.require(current_user, "manage", WatchedWord)
    if ModerationForm().validate():
        try:
            phrase = watchwords.remove_word(current_user, word_id)
        except ActionError as error:
            flash(error.message, "error")
        else:
            flash(f"« {phrase} » n'est plus surveillé.", "success")
    else:
        flash("Le formulaire a expiré : recommencez.", "error")
    return redirect(url_for("moderation.watched_words"))

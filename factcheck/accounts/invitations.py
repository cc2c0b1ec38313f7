"""Invite a new user: they get a link to choose their own password, so no admin ever knows it."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_set_password_email(user, *, domain, use_https):
    """Send `user` a one-time link to set their password (Django's password reset machinery).

    Returns False, sending nothing, when the user has no e-mail address.
    """
    if not user.email:
        return False
    context = {
        "user": user,
        "domain": domain,
        "protocol": "https" if use_https else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = render_to_string("registration/set_password_subject.txt", context).strip()
    body = render_to_string("registration/set_password_email.txt", context)
    send_mail(subject, body, None, [user.email])
    return True

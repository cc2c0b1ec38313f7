"""Accounts: the custom User with its role (reviewer, editor; staff are admins), invitations.

Imports no other app of the project.
"""

"""Test doubles of what AWX / Automation Platform does with a credential type, written from AWX's source
(github.com/ansible/awx: awx/main/fields.py, CredentialTypeInputField and CredentialTypeInjectorField, and
awx/main/models/credential.py, CredentialType.inject_credential)."""

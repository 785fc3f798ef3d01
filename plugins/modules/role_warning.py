#!/usr/bin/python
# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: role_warning
short_description: Show a message as an Ansible warning
version_added: 0.2.0
description:
  - Shows O(msg) as a C([WARNING]), which callbacks, AWX and ansible-runner collect as warnings; C(ansible.builtin.debug)
    only prints. Used by the C(console_sso) role for users who cannot sign in yet.
  - Runs on the controller (an action plugin); changes nothing.
author:
  - twilio_okta.sso contributors (@twilio-okta)
attributes:
  check_mode:
    description: Changes nothing.
    support: full
  diff_mode:
    description: Nothing changes, so there is no diff.
    support: none
  action:
    description: Runs on the controller.
    support: full
options:
  msg:
    description: The warning.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Say what the user should know
  twilio_okta.sso.role_warning:
    msg: 2 users assigned in Okta are not managed users of the Twilio organization
"""

RETURN = r"""
msg:
  description: The warning shown.
  returned: always
  type: str
"""

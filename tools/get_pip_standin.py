"""Stand-in for the pip bootstrap script ansible-test downloads from a host this machine cannot reach.

ansible-test runs it inside a new virtualenv with pip's install arguments; ensurepip provides
pip from the standard library, which then installs the requested versions from the package index.
"""

import subprocess
import sys

# get-pip.py's own switches; pip install does not know them.
GET_PIP_ONLY = ("--no-setuptools", "--no-wheel")

# In a child process: ensurepip sets PIP_CONFIG_FILE=/dev/null in its own environment, which would
# hide the machine's pip configuration (index, certificates) from the install below.
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"], stdout=subprocess.DEVNULL)
arguments = [a for a in sys.argv[1:] if a not in GET_PIP_ONLY]
sys.exit(subprocess.call([sys.executable, "-m", "pip", "install", "--quiet"] + arguments))

"""What AWX checks when a custom credential type is created, and how it injects a credential into a job.

Facts taken from AWX's source (awx/main/fields.py, awx/main/models/credential.py, awx/main/constants.py,
awx/api/serializers.py):
- a custom type's kind is cloud or net.
- inputs.fields: id (a variable name, not 'tower', unique), label; type string or boolean; format, choices,
  multiline and secret only on strings; a default of the field's type. inputs.required lists field ids.
- injectors: 'file' keys 'template' or 'template.<name>' (not both kinds), 'env' names shell variable names with
  ASCII templates, not ANSIBLE_* or a blocked name, 'extra_vars'. Every template renders with StrictUndefined when
  every field is set.
- At job start: only inputs with a non-empty value are in the template namespace (an unset one renders as ''),
  unset booleans are False, each file template is written to a new 0600 file under <private_data_dir>/env whose
  path is tower.filename (or tower.filename.<name>), then env templates are rendered; a second rendering with
  secret inputs as '**********' is what AWX stores as the job's environment.
"""

import os
import re
import stat
import tempfile

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIELD_KEYS = {
    "id",
    "label",
    "type",
    "format",
    "choices",
    "help_text",
    "multiline",
    "secret",
    "ask_at_runtime",
    "default",
}
STRING_ONLY_KEYS = ("choices", "multiline", "format", "secret")
VARIABLE_NAME = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")
FILE_KEY = re.compile(r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$")
ENV_BLOCKLIST = {
    "VIRTUAL_ENV",
    "PATH",
    "PYTHONPATH",
    "JOB_ID",
    "INVENTORY_ID",
    "INVENTORY_SOURCE_ID",
    "INVENTORY_UPDATE_ID",
    "AD_HOC_COMMAND_ID",
    "REST_API_URL",
    "REST_API_TOKEN",
    "MAX_EVENT_RES",
    "CALLBACK_QUEUE",
    "CALLBACK_CONNECTION",
    "CACHE",
    "JOB_CALLBACK_DEBUG",
    "INVENTORY_HOSTVARS",
    "AWX_HOST",
    "PROJECT_REVISION",
    "SUPERVISOR_CONFIG_PATH",
}
MASK = "**********"


class Namespace:
    """AWX's 'tower' namespace: tower.filename, or tower.filename.<name> for several files."""


def problems(definition):
    """Why AWX would refuse this credential type (an empty list when it would take it)."""
    found = []
    extra = set(definition) - {"name", "description", "kind", "inputs", "injectors"}
    if extra:
        found.append("unknown top-level keys %s" % sorted(extra))
    if definition.get("kind") not in ("cloud", "net"):  # awx/api/serializers.py: custom types only
        found.append("kind must be 'cloud' or 'net', not %s" % definition.get("kind"))
    fields = definition.get("inputs", {}).get("fields", [])
    ids = [field.get("id") for field in fields]
    for field in fields:
        kind = field.get("type", "string")
        if set(field) - FIELD_KEYS or not {"id", "label"} <= set(field):
            found.append("field %s: keys %s" % (field.get("id"), sorted(field)))
        if not VARIABLE_NAME.match(field.get("id", "")) or field.get("id") == "tower":
            found.append("field id %r is not allowed" % field.get("id"))
        if kind not in ("string", "boolean"):
            found.append("field %s: type %s" % (field["id"], kind))
        if kind != "string" and any(key in field for key in STRING_ONLY_KEYS):
            found.append("field %s: %s only on strings" % (field["id"], STRING_ONLY_KEYS))
        if "format" in field and field["format"] not in ("ssh_private_key", "url"):
            found.append("field %s: format %s" % (field["id"], field["format"]))
        if "default" in field and not isinstance(field["default"], {"string": str, "boolean": bool}[kind]):
            found.append("field %s: default is not a %s" % (field["id"], kind))
    if len(set(ids)) != len(ids):
        found.append("field ids are not unique")
    for name in definition.get("inputs", {}).get("required", []):
        if name not in ids:
            found.append("required %s is not a field" % name)
    injectors = definition.get("injectors", {})
    if set(injectors) - {"file", "env", "extra_vars"}:
        found.append("unknown injector kinds %s" % sorted(set(injectors) - {"file", "env", "extra_vars"}))
    file_keys = list(injectors.get("file", {}))
    if any(not FILE_KEY.match(key) for key in file_keys) or ("template" in file_keys and len(file_keys) > 1):
        found.append("file injector keys %s" % file_keys)
    for name, template in injectors.get("env", {}).items():
        if not VARIABLE_NAME.match(name) or name.startswith("ANSIBLE_") or name in ENV_BLOCKLIST:
            found.append("env var %s is not allowed" % name)
        if not template.isascii():
            found.append("env var %s: template is not ASCII" % name)
    example = dict.fromkeys(ids, "EXAMPLE")
    example["tower"] = _tower_namespace(file_keys, lambda key: "EXAMPLE_FILENAME")
    render = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for kind in ("file", "env"):
        for key, template in injectors.get(kind, {}).items():
            try:
                render.from_string(template).render(**example)
            except Exception as exc:  # pylint: disable=broad-exception-caught
                found.append("%s %s does not render: %s" % (kind, key, exc))
    return found


def _tower_namespace(file_keys, path_of):
    tower = Namespace()
    if "template" in file_keys:
        tower.filename = path_of("template")
    elif file_keys:
        tower.filename = Namespace()
        for key in file_keys:
            setattr(tower.filename, key.split(".", 1)[1], path_of(key))
    return tower


def inject(definition, inputs, private_data_dir):
    """(env, safe_env) for a job, with the file injectors written under private_data_dir/env, as AWX does."""
    secret = {f["id"] for f in definition["inputs"]["fields"] if f.get("secret")}
    namespace, safe_namespace = {}, {}
    for name, value in inputs.items():
        if isinstance(value, bool):
            namespace[name] = safe_namespace[name] = value
            continue
        if value:
            namespace[name] = value
            safe_namespace[name] = MASK if name in secret else value
    for field in definition["inputs"]["fields"]:
        if field.get("type") == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = safe_namespace[field["id"]] = False
    render = ImmutableSandboxedEnvironment()
    env_dir = os.path.join(private_data_dir, "env")
    os.makedirs(env_dir, exist_ok=True)

    def write(key):
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, "w") as file:
            file.write(render.from_string(definition["injectors"]["file"][key]).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        return path

    namespace["tower"] = safe_namespace["tower"] = _tower_namespace(
        list(definition["injectors"].get("file", {})), write
    )
    env, safe_env = {}, {}
    for name, template in definition["injectors"].get("env", {}).items():
        env[name] = render.from_string(template).render(**namespace)
        safe_env[name] = render.from_string(template).render(**safe_namespace)
    return env, safe_env

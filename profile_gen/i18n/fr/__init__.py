"""French wording (default language): the catalogues `KINDS`, `MESSAGES` and `LABELS`.

`LABELS` is merged from three parts, in this order (the order of the keys is kept).
"""

from profile_gen.i18n.fr.labels_commands import LABELS_COMMANDS
from profile_gen.i18n.fr.labels_features import LABELS_FEATURES
from profile_gen.i18n.fr.labels_outputs import LABELS_OUTPUTS
from profile_gen.i18n.fr.messages import KINDS, MESSAGES

LABELS = {**LABELS_OUTPUTS, **LABELS_COMMANDS, **LABELS_FEATURES}

__all__ = ["KINDS", "LABELS", "MESSAGES"]

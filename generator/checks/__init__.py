"""Semantic checks of the typed spec model: what the shapes cannot judge from one value
alone (references between parts of a file, duplicates, ids that become module names). They
run on a file's model before its IR is built, and a file with problems is not built, so the
builders read a model they can trust. Problems found only while deriving the output (two
names that become one class, a message that normalizes to another) are the builders' to
report, where the derived values are."""

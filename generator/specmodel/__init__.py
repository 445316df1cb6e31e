"""The typed spec model: each spec file read into frozen records once its shapes are checked."""

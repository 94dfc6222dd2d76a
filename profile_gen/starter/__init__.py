"""Starter files of `profile-gen init` (the profile, the student README, the CI workflows)."""

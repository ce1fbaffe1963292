"""The screen edition: RGB, links, no sheet."""

from .base import OutputProfile

PROFILE = OutputProfile(name="screen", colour_space="RGB", links=True, separates_pictures=False,
                        min_ppi=None, tagged=True, sheet=False, print_checks=False)

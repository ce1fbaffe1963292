"""The file a commercial printer wants: CMYK, no links, bleed and marks on a larger sheet,
PDF/X identification, pictures separated with the printer's profile at 300 ppi or more."""

from .base import OutputProfile

PROFILE = OutputProfile(name="press", colour_space="CMYK", links=False, separates_pictures=True,
                        min_ppi=300, tagged=False, sheet=True, print_checks=True)

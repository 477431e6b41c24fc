"""The face of the offline app: what other apps may import from it.

- `OFFLINE_IMAGE_FILTER`: the rendition a saved lesson's images are stored at (templates
  that want the saved copy to be what the page shows use it in their srcset).
"""

from .copy import OFFLINE_IMAGE_FILTER

__all__ = ["OFFLINE_IMAGE_FILTER"]

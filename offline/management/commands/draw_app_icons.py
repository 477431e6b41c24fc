"""Draw the installable app's icons (static/img/app-192.png, app-512.png and the maskable
app-maskable-512.png) with Pillow, in the programme's colours (static/css/site.css).

    python manage.py draw_app_icons

The PNGs are committed; run this again only when the colours or the drawing change."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

BRAND = "#0b4f8a"  # --brand
BRAND_DARK = "#083a66"  # --brand-dark
FOCUS = "#ffbf47"  # --focus
PAPER = "#ffffff"

ICONS = (
    ("app-192.png", 192, False),
    ("app-512.png", 512, False),
    ("app-maskable-512.png", 512, True),
)
SCALE = 4  # drawn larger, then reduced: smooth edges without anti-aliasing support


def draw_icon(size: int, *, maskable: bool) -> Image.Image:
    """An open book on the programme's blue. A maskable icon fills the square and keeps its
    drawing inside the central safe zone (a circle of 80 % of the width)."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=BRAND)
        inset = big * 0.27  # the book stays well inside the safe zone
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.18, fill=BRAND)
        inset = big * 0.18
    left, right = inset, big - inset
    top, bottom = inset + (big - 2 * inset) * 0.12, big - inset - (big - 2 * inset) * 0.08
    middle = big / 2
    dip = (bottom - top) * 0.08
    # Two pages, slightly lifted at the outer edges.
    draw.polygon(
        [(left, top), (middle, top + dip), (middle, bottom), (left, bottom - dip)], fill=PAPER
    )
    draw.polygon(
        [(middle, top + dip), (right, top), (right, bottom - dip), (middle, bottom)], fill=PAPER
    )
    # The spine, and lines of text on each page.
    line = max(SCALE, big * 0.012)
    draw.line([(middle, top + dip), (middle, bottom)], fill=BRAND_DARK, width=int(line * 1.5))
    for row in range(1, 5):
        y = top + dip + (bottom - top - 2 * dip) * row / 5.5
        for x0, x1 in ((left, middle), (middle, right)):
            margin = (x1 - x0) * 0.18
            draw.line([(x0 + margin, y), (x1 - margin, y)], fill=BRAND, width=int(line))
    # A bookmark in the focus colour.
    mark = (right - middle) * 0.16
    mark_x = right - (right - middle) * 0.3
    draw.polygon(
        [
            (mark_x, top - dip * 0.2),
            (mark_x + mark, top - dip * 0.2),
            (mark_x + mark, top + (bottom - top) * 0.3),
            (mark_x + mark / 2, top + (bottom - top) * 0.25),
            (mark_x, top + (bottom - top) * 0.3),
        ],
        fill=FOCUS,
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


class Command(BaseCommand):
    help = "Draw the app icons (static/img/app-*.png) in the programme's colours."

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", default=str(Path(settings.BASE_DIR) / "static" / "img"), help="Where."
        )

    def handle(self, *args, folder, **options):
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        for name, size, maskable in ICONS:
            path = target / name
            draw_icon(size, maskable=maskable).save(path, format="PNG", optimize=True)
            self.stdout.write(f"{path} ({size}×{size})")

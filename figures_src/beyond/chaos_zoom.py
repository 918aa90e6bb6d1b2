"""A dive into the outcome boundary: ×10 per level, every level a grid of real training runs

The frames are the zoom levels of `chaos_dimension` (float64 runs, one per pixel, coloured by outcome
label as in `chaos_map`), for the first of the randomly drawn centres of each boundary: the post's
plane (learnt by T vs still failed), then the plain plane (never failed vs ever failed). Between two
levels the camera magnifies the level's own pixels ×10 around the centre (nearest neighbour, so the
blocks are visibly that level's runs), then cuts to the next level, which resolves the same window
with fresh runs. Encoded with PyAV (H.264); the poster is the last frame.
"""
import numpy as np

from toyviz.anim.render import poster_frame
from toyviz.plot.phase import OUTCOME_COLORS
from toyviz.plot.style import rgb
from toyviz.toy import LABELS
from toyviz.toy import chaos

ID = "beyond/chaos_zoom"
KIND = "video"
REPRODUCES = None
FILES = ["chaos_zoom.mp4", "chaos_zoom.png"]

ZOOM_SECONDS = 2.0      # magnifying one level ×10
HOLD_SECONDS = 1.0      # showing a freshly computed level
OUTSIDE = 235          # grey where a magnified view leaves the level's image
POSTER_AT = 0.45        # the learnt boundary's deepest level (the first half of the video)
PALETTE = (np.array([rgb(OUTCOME_COLORS[name]) for name in LABELS]) * 255).astype(np.uint8)


def crop(img: np.ndarray, centre: tuple[float, float], z: float, size: int) -> np.ndarray:
    """size × size nearest-neighbour view of `img` (side, side, 3; rows = lr, upward) magnified z×
    about `centre` (fractional pixel coordinates: column, row), flipped so that lr grows upwards on
    screen; outside the image (no runs at this level) is light grey."""
    side = img.shape[0]
    span = side / z
    u = (np.arange(size) + 0.5) / size
    cols = np.floor(centre[0] - span / 2 + u * span).astype(int)
    rows = np.floor(centre[1] - span / 2 + u * span).astype(int)[::-1]
    view = img[np.clip(rows, 0, side - 1)][:, np.clip(cols, 0, side - 1)]
    outside = ((rows < 0) | (rows >= side))[:, None] | ((cols < 0) | (cols >= side))[None, :]
    view[outside] = OUTSIDE
    return view


def caption(frame: np.ndarray, text: str) -> np.ndarray:
    """`text` (lines) on a white band at the top, in DejaVu Sans (it has ×, δ and α)."""
    from matplotlib import font_manager
    from PIL import Image, ImageDraw, ImageFont
    im = Image.fromarray(frame)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(font_manager.findfont("DejaVu Sans"), max(8, frame.shape[0] // 34))
    box = draw.multiline_textbbox((0, 0), text, font=font)
    pad = frame.shape[0] // 80 + 2
    draw.rectangle((0, 0, box[2] + 2 * pad, box[3] + 2 * pad), fill=(255, 255, 255))
    draw.multiline_text((pad, pad), text, fill=(20, 20, 20), font=font)
    return np.asarray(im)


def frames(quality):
    size = quality.pixel_height // 2 * 2
    fps = quality.fps
    for boundary in chaos.BOUNDARIES:
        zc = chaos.zoom_config(boundary, quality)
        level0 = chaos.outcome_map_cached(zc.level0())
        windows = chaos.zoom_windows(zc, level0, points=1)[0]
        name = chaos.Plane(chaos.BOUNDARIES[boundary]).x_name
        for L, win in enumerate(windows):
            img = PALETTE[chaos.outcome_map_cached(win)["code"]]
            side = win.side
            mid = (side / 2, side / 2)
            text = (f"{boundary} boundary · level {L} (×{zc.factor ** L:,.0f})\n{name} ∈ [{win.x0:.6g}, {win.x1:.6g}]\n"
                    f"log10 lr ∈ [{win.y0:.6g}, {win.y1:.6g}]")
            for _ in range(int(HOLD_SECONDS * fps)):
                yield caption(crop(img, mid, 1.0, size), text)
            if L + 1 == len(windows):
                continue
            nxt = windows[L + 1]                                # the next level's centre
            cx, cy = (nxt.x0 + nxt.x1) / 2, (nxt.y0 + nxt.y1) / 2
            target = ((cx - win.x0) / (win.x1 - win.x0) * side, (cy - win.y0) / (win.y1 - win.y0) * side)
            nz = int(ZOOM_SECONDS * fps)
            for z in np.geomspace(1.0, zc.factor, nz + 1)[1:]:
                t = (1 - 1 / z) / (1 - 1 / zc.factor)          # glide from the image centre to the zoom centre
                c = (mid[0] + t * (target[0] - mid[0]), mid[1] + t * (target[1] - mid[1]))
                yield caption(crop(img, c, z, size), text)


def build(out, quality):
    import av
    tmp = out / ".chaos_zoom.tmp.mp4"
    with av.open(str(tmp), mode="w", format="mp4") as container:
        stream = None
        for f in frames(quality):
            if stream is None:
                stream = container.add_stream("libx264", rate=quality.fps)
                stream.height, stream.width = f.shape[:2]
                stream.pix_fmt = "yuv420p"
                stream.options = {"crf": "20", "threads": "1"}        # one thread: the same bytes every build
            for packet in stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(f), format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    tmp.rename(out / FILES[0])
    poster_frame(out / FILES[0], out / FILES[1], at=POSTER_AT)

"""Makes the small test photos in this folder (run with Pillow installed:
`python3 make.py`). The files are committed so tests need only Rust."""
from PIL import Image, ImageDraw

W, H = 120, 160

def portrait(mode="RGB"):
    img = Image.new("RGB", (W, H), (90, 120, 160))
    d = ImageDraw.Draw(img)
    d.ellipse((35, 25, 85, 85), fill=(230, 200, 170))
    d.rectangle((20, 100, 100, 160), fill=(40, 60, 90))
    # A mark in the top-left corner, to see orientation.
    d.rectangle((0, 0, 20, 20), fill=(220, 30, 30))
    return img if mode == "RGB" else img.convert(mode)

portrait().save("baseline.jpg", quality=85)
portrait().save("progressive.jpg", quality=85, progressive=True)
portrait("L").save("grey.jpg", quality=85)
portrait("CMYK").save("cmyk-adobe.jpg", quality=85)  # Pillow writes an Adobe APP14 segment

# The same CMYK JPEG without its Adobe segment: plain, non-inverted CMYK.
data = open("cmyk-adobe.jpg", "rb").read()
i = 2
out = bytearray(data[:2])
while i < len(data):
    marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
    seg = data[i:i + 2 + length]
    if marker == 0xDA:
        out += data[i:]
        break
    if not (marker == 0xEE and seg[4:9] == b"Adobe"):
        out += seg
    i += 2 + length
open("cmyk-plain.jpg", "wb").write(bytes(out))

# EXIF orientation 6: stored landscape, shown portrait (rotate 90° clockwise).
stored = portrait().transpose(Image.Transpose.ROTATE_90)
exif = Image.Exif()
exif[0x0112] = 6
stored.save("exif-rotated.jpg", quality=85, exif=exif.tobytes())

rgba = portrait().convert("RGBA")
alpha = Image.new("L", (W, H), 0)
ImageDraw.Draw(alpha).ellipse((0, 0, W, H), fill=255)
rgba.putalpha(alpha)
rgba.save("alpha.png")
portrait().convert("I;16").save("sixteen-bit.png")
portrait().convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save("palette.png")
# A large photo, far above print resolution at 30 × 40 mm.
portrait().resize((1800, 2400)).save("large.jpg", quality=70)
# A small one, below 150 ppi at 30 × 40 mm.
portrait().resize((90, 120)).save("small.jpg", quality=85)

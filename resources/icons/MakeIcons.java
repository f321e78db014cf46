import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws DONNA's icon (a speech bubble holding a sound wave on a violet tile) from one set of shapes into every
 * format the platforms want: donna.svg, donna-N.png, donna.ico (Windows) and donna.icns (macOS).
 * Run from the repository root: java resources/icons/MakeIcons.java
 */
public class MakeIcons {
    static final Path DIR = Path.of("resources/icons");
    static final String TOP = "#7C3AED";
    static final String BOTTOM = "#4338CA";
    static final String WAVE = "#5B21B6";
    // On a 512 x 512 grid.
    static final double[] TILE = {32, 32, 448, 448, 104};
    static final double[] BUBBLE = {104, 120, 304, 224, 80};
    static final double[][] TAIL = {{168, 330}, {140, 412}, {250, 340}};
    static final double[] BAR_X = {172, 214, 256, 298, 340};
    static final double[] BAR_H = {44, 100, 148, 100, 44};
    static final double BAR_W = 26;
    static final double BAR_Y = 232;

    public static void main(String[] args) throws IOException {
        Files.writeString(DIR.resolve("donna.svg"), svg(), StandardCharsets.UTF_8);
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : List.of(16, 24, 32, 48, 64, 128, 256, 512, 1024)) {
            byte[] png = png(size);
            pngs.put(size, png);
            if (size <= 512) {
                Files.write(DIR.resolve("donna-" + size + ".png"), png);
            }
        }
        Files.write(DIR.resolve("donna.ico"), ico(pngs, List.of(16, 24, 32, 48, 64, 128, 256)));
        Files.write(DIR.resolve("donna.icns"), icns(pngs));
    }

    static String svg() {
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < BAR_X.length; i++) {
            bars.append("  <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\" fill=\"%s\"/>\n".formatted(
                    n(BAR_X[i] - BAR_W / 2), n(BAR_Y - BAR_H[i] / 2), n(BAR_W), n(BAR_H[i]), n(BAR_W / 2), WAVE));
        }
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
                  <defs>
                    <linearGradient id="tile" x1="0" y1="0" x2="1" y2="1">
                      <stop offset="0" stop-color="%s"/>
                      <stop offset="1" stop-color="%s"/>
                    </linearGradient>
                  </defs>
                  <rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="url(#tile)"/>
                  <rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="#FFFFFF"/>
                  <path d="M%s %s L%s %s L%s %s Z" fill="#FFFFFF"/>
                %s</svg>
                """.formatted(TOP, BOTTOM, n(TILE[0]), n(TILE[1]), n(TILE[2]), n(TILE[3]), n(TILE[4]),
                n(BUBBLE[0]), n(BUBBLE[1]), n(BUBBLE[2]), n(BUBBLE[3]), n(BUBBLE[4]),
                n(TAIL[0][0]), n(TAIL[0][1]), n(TAIL[1][0]), n(TAIL[1][1]), n(TAIL[2][0]), n(TAIL[2][1]), bars);
    }

    static byte[] png(int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 512.0, size / 512.0);
        g.setPaint(new GradientPaint((float) TILE[0], (float) TILE[1], Color.decode(TOP),
                (float) (TILE[0] + TILE[2]), (float) (TILE[1] + TILE[3]), Color.decode(BOTTOM)));
        g.fill(round(TILE));
        g.setPaint(Color.WHITE);
        g.fill(round(BUBBLE));
        Path2D tail = new Path2D.Double();
        tail.moveTo(TAIL[0][0], TAIL[0][1]);
        tail.lineTo(TAIL[1][0], TAIL[1][1]);
        tail.lineTo(TAIL[2][0], TAIL[2][1]);
        tail.closePath();
        g.fill(tail);
        g.setPaint(Color.decode(WAVE));
        g.setStroke(new BasicStroke(0));
        for (int i = 0; i < BAR_X.length; i++) {
            g.fill(new RoundRectangle2D.Double(BAR_X[i] - BAR_W / 2, BAR_Y - BAR_H[i] / 2, BAR_W, BAR_H[i],
                    BAR_W, BAR_W));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static RoundRectangle2D round(double[] r) {
        return new RoundRectangle2D.Double(r[0], r[1], r[2], r[3], r[4] * 2, r[4] * 2);
    }

    /** ICO with PNG-compressed entries (Windows Vista and later). */
    static byte[] ico(Map<Integer, byte[]> pngs, List<Integer> sizes) {
        int offset = 6 + 16 * sizes.size();
        ByteBuffer header = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int size : sizes) {
            byte[] png = pngs.get(size);
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)).put((byte) 0)
                    .put((byte) 0).putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(offset);
            offset += png.length;
            data.writeBytes(png);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    /** ICNS with PNG entries (macOS 10.7 and later). */
    static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream entries = new DataOutputStream(body);
        for (Map.Entry<String, Integer> t : types.entrySet()) {
            byte[] png = pngs.get(t.getValue());
            entries.writeBytes(t.getKey());
            entries.writeInt(8 + png.length);
            entries.write(png);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        file.write(body.toByteArray());
        return out.toByteArray();
    }

    static String n(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

package donna.backend.campaigns;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: commas, double-quoted fields (with {@code ""} for a quote and line breaks inside),
 * CRLF or LF rows. A spreadsheet's export is what it reads; nothing here evaluates a cell.
 */
final class Csv {
    private Csv() {}

    /** The rows, each its cells; blank lines are left out. A quote left open is an error naming the row. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = text.startsWith("\uFEFF") ? 1 : 0; // a spreadsheet's byte order mark
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                end(rows, row, cell, any);
                row = new ArrayList<>();
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw CampaignInput.invalid("audience.csv has a quote that is never closed (line " + line + ")");
        }
        end(rows, row, cell, any);
        return rows;
    }

    private static void end(List<List<String>> rows, List<String> row, StringBuilder cell, boolean any) {
        if (any || !cell.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        cell.setLength(0);
    }
}

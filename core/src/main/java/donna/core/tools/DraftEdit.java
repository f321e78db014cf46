package donna.core.tools;

import java.util.List;

/** The person's changes to a draft ({@code PATCH /api/drafts/{id}}); a null field is left as it is. */
public record DraftEdit(List<String> to, List<String> cc, String subject, String body) {
    public DraftEdit {
        to = to == null ? null : List.copyOf(to);
        cc = cc == null ? null : List.copyOf(cc);
    }
}

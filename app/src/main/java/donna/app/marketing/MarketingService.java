package donna.app.marketing;

import donna.core.campaigns.Audience;
import donna.core.campaigns.Campaign;
import donna.core.campaigns.Draft;
import donna.core.campaigns.Preview;
import donna.core.campaigns.RepliesFound;
import java.util.List;

/** Campaigns as the Marketing pane uses them; blocking, run through the app's executor. */
public interface MarketingService {
    List<Campaign> list();

    Campaign get(String id);

    /** @param personalise each mail's {@code {{opening}}} is written by DONNA for that recipient */
    Draft create(String name, String subject, String body, Audience audience, boolean personalise);

    /** Changes a draft; a null {@code audience} keeps its recipients. */
    Draft update(String id, String name, String subject, String body, Audience audience, boolean personalise);

    Preview preview(String id, String email);

    /** {@code action}: start, pause, resume or cancel. */
    Campaign move(String id, String action);

    RepliesFound refreshReplies(String id);

    void delete(String id);

    /** No service behind it (windows and tests without one): every call says so. */
    static MarketingService detached() {
        return new MarketingService() {
            private IllegalStateException none() {
                return new IllegalStateException("DONNA's service is not running");
            }

            @Override
            public List<Campaign> list() {
                throw none();
            }

            @Override
            public Campaign get(String id) {
                throw none();
            }

            @Override
            public Draft create(String name, String subject, String body, Audience audience,
                    boolean personalise) {
                throw none();
            }

            @Override
            public Draft update(String id, String name, String subject, String body, Audience audience,
                    boolean personalise) {
                throw none();
            }

            @Override
            public Preview preview(String id, String email) {
                throw none();
            }

            @Override
            public Campaign move(String id, String action) {
                throw none();
            }

            @Override
            public RepliesFound refreshReplies(String id) {
                throw none();
            }

            @Override
            public void delete(String id) {
                throw none();
            }
        };
    }
}

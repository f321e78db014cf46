package donna.app.integrations;

import donna.core.webhooks.Webhooks;
import java.util.List;

/** The webhooks routes as Settings > Integrations uses them; blocking, run through the app's executor. */
public interface IntegrationsService {
    Webhooks list();

    Webhooks.Created create(String url, List<String> events);

    void delete(String id);

    void test(String id);

    /** No service behind it (windows and tests without one): every call says so. */
    static IntegrationsService detached() {
        return new IntegrationsService() {
            @Override
            public Webhooks list() {
                throw new IllegalStateException("DONNA's service is not running");
            }

            @Override
            public Webhooks.Created create(String url, List<String> events) {
                throw new IllegalStateException("DONNA's service is not running");
            }

            @Override
            public void delete(String id) {
                throw new IllegalStateException("DONNA's service is not running");
            }

            @Override
            public void test(String id) {
                throw new IllegalStateException("DONNA's service is not running");
            }
        };
    }
}

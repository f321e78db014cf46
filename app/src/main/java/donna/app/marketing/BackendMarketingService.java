package donna.app.marketing;

import donna.app.connection.BackendConnection;
import donna.core.campaigns.Audience;
import donna.core.campaigns.Campaign;
import donna.core.campaigns.Draft;
import donna.core.campaigns.Preview;
import donna.core.campaigns.RepliesFound;
import java.util.List;

/** {@link MarketingService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendMarketingService implements MarketingService {
    private final BackendConnection connection;

    public BackendMarketingService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<Campaign> list() {
        return connection.client().campaigns().list();
    }

    @Override
    public Campaign get(String id) {
        return connection.client().campaigns().get(id);
    }

    @Override
    public Draft create(String name, String subject, String body, Audience audience, boolean personalise) {
        return connection.client().campaigns().create(name, subject, body, audience, personalise);
    }

    @Override
    public Draft update(String id, String name, String subject, String body, Audience audience,
            boolean personalise) {
        return connection.client().campaigns().update(id, name, subject, body, audience, personalise);
    }

    @Override
    public Preview preview(String id, String email) {
        return connection.client().campaigns().preview(id, email);
    }

    @Override
    public Campaign move(String id, String action) {
        var campaigns = connection.client().campaigns();
        return switch (action) {
            case "start" -> campaigns.start(id);
            case "pause" -> campaigns.pause(id);
            case "resume" -> campaigns.resume(id);
            case "cancel" -> campaigns.cancel(id);
            default -> throw new IllegalArgumentException("no such move: " + action);
        };
    }

    @Override
    public RepliesFound refreshReplies(String id) {
        return connection.client().campaigns().refresh(id);
    }

    @Override
    public void delete(String id) {
        connection.client().campaigns().delete(id);
    }
}

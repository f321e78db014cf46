package donna.backend.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Users by Clerk id. {@link #upsert} runs on every authenticated request, so known users are answered from a small
 * cache instead of a database round trip; a changed email still reaches the row when the entry expires.
 */
public final class UserRepository {
    private final Jdbi jdbi;
    private final Cache<String, User> known = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public User upsert(String clerkId, String email) {
        User cached = known.getIfPresent(clerkId);
        if (cached != null && (email == null || email.equals(cached.email()))) {
            return cached;
        }
        User user = jdbi.withHandle(h -> h.createQuery("""
                        insert into users (clerk_id, email) values (:clerkId, :email)
                        on conflict (clerk_id) do update set email = coalesce(excluded.email, users.email)
                        returning id, clerk_id, email""")
                .bind("clerkId", clerkId).bind("email", email)
                .map((rs, ctx) -> new User(rs.getObject("id", UUID.class), rs.getString("clerk_id"),
                        rs.getString("email")))
                .one());
        known.put(clerkId, user);
        return user;
    }

    public Optional<User> findByClerkId(String clerkId) {
        return jdbi.withHandle(h -> h.createQuery("select id, clerk_id, email from users where clerk_id = :clerkId")
                .bind("clerkId", clerkId)
                .map((rs, ctx) -> new User(rs.getObject("id", UUID.class), rs.getString("clerk_id"),
                        rs.getString("email")))
                .findOne());
    }
}

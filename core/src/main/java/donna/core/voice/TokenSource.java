package donna.core.voice;

import java.util.function.Function;

/** Mints client secrets (the companion service's {@code POST /api/realtime/token}); blocking. */
@FunctionalInterface
public interface TokenSource {
    RealtimeToken mint();

    /**
     * A secret continuing the service's metered voice session {@code continuing} (a spare for a reconnect), so the
     * service counts one conversation, not one per secret; null: a secret for a new session. Sources that do not
     * meter mint as {@link #mint()}.
     */
    default RealtimeToken mint(String continuing) {
        return mint();
    }

    /** A source whose every mint names the session it continues (null for a new one). */
    static TokenSource continuing(Function<String, RealtimeToken> mint) {
        return new TokenSource() {
            @Override
            public RealtimeToken mint() {
                return mint.apply(null);
            }

            @Override
            public RealtimeToken mint(String continuing) {
                return mint.apply(continuing);
            }
        };
    }
}

package donna.core.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the transport. Unless one is forced ({@code DONNA_VOICE_TRANSPORT=websocket|relay|batch}), the order is:
 * WebRTC, then the WebSocket directly to OpenAI, then the relay through the companion service (only if the service
 * offers it: asked once), then the batch path. A transport that could not connect is skipped for the rest of the
 * run, so reconnects do not wait for a doomed attempt first (the last one left is always tried). Each connection
 * tells its listener which path it took and why ({@link TransportListener#onPath}).
 */
public final class VoiceTransports implements RealtimeTransportFactory {
    private static final Logger log = LoggerFactory.getLogger(VoiceTransports.class);
    public static final String SETTING = "DONNA_VOICE_TRANSPORT";

    /** The ways DONNA's voice can travel, in the automatic order. */
    public enum Kind {
        WEBRTC("webrtc", "WebRTC"),
        WEBSOCKET("websocket", "a direct connection to OpenAI"),
        RELAY("relay", "the relay"),
        BATCH("batch", "the batch path");

        private final String setting;
        private final String words;

        Kind(String setting, String words) {
            this.setting = setting;
            this.words = words;
        }

        /** Its value of {@code DONNA_VOICE_TRANSPORT}. */
        public String setting() {
            return setting;
        }

        /** As the Voice pane names it. */
        public String words() {
            return words;
        }
    }

    /**
     * What the app can offer. {@code relay} and {@code batch} reach OpenAI through the companion service; a relay
     * is used only when {@code relayOffered} says the service has it on (asked at most once per run).
     */
    public record Candidates(Optional<RealtimeTransportFactory> webRtc, RealtimeTransportFactory webSocket,
            Optional<RealtimeTransportFactory> relay, BooleanSupplier relayOffered,
            Optional<RealtimeTransportFactory> batch) {

        /** WebRTC and the direct WebSocket only (no service path). */
        public static Candidates direct(Optional<RealtimeTransportFactory> webRtc, RealtimeTransportFactory webSocket) {
            return new Candidates(webRtc, webSocket, Optional.empty(), () -> false, Optional.empty());
        }
    }

    private record Choice(Kind kind, RealtimeTransportFactory factory) {}

    private final List<Choice> order;
    private final boolean forced;
    private final BooleanSupplier relayOffered;
    private final Set<Kind> failed = ConcurrentHashMap.newKeySet();

    private VoiceTransports(List<Choice> order, boolean forced, BooleanSupplier relayOffered) {
        this.order = List.copyOf(order);
        this.forced = forced;
        this.relayOffered = once(relayOffered);
    }

    /** WebRTC and the direct WebSocket: {@code setting} {@code webrtc} (default) or {@code websocket}. */
    public static VoiceTransports choose(String setting, Optional<RealtimeTransportFactory> webRtc,
            RealtimeTransportFactory webSocket) {
        return choose(setting, Candidates.direct(webRtc, webSocket));
    }

    /**
     * @param setting {@code webrtc} or {@code auto} (the automatic order; default when null or blank),
     *                {@code websocket}, {@code relay} or {@code batch} (that one only)
     * @throws IllegalArgumentException for any other value, or a forced path the app cannot offer, naming the
     *                                  setting
     */
    public static VoiceTransports choose(String setting, Candidates c) {
        String value = setting == null || setting.isBlank() ? "webrtc" : setting.strip().toLowerCase(Locale.ROOT);
        List<Choice> all = new ArrayList<>();
        c.webRtc().ifPresent(f -> all.add(new Choice(Kind.WEBRTC, f)));
        all.add(new Choice(Kind.WEBSOCKET, c.webSocket()));
        c.relay().ifPresent(f -> all.add(new Choice(Kind.RELAY, f)));
        c.batch().ifPresent(f -> all.add(new Choice(Kind.BATCH, f)));
        if (value.equals("webrtc") || value.equals("auto")) {
            return new VoiceTransports(all, false, c.relayOffered());
        }
        // webrtc is always a valid value (the automatic order), even without a WebRTC build.
        List<String> values = new ArrayList<>(List.of(Kind.WEBRTC.setting()));
        all.stream().map(ch -> ch.kind().setting()).filter(v -> !values.contains(v)).forEach(values::add);
        for (Choice choice : all) {
            if (choice.kind().setting().equals(value) && choice.kind() != Kind.WEBRTC) {
                return new VoiceTransports(List.of(choice), true, () -> true);
            }
        }
        throw new IllegalArgumentException(SETTING + " must be " + (values.size() == 2 ? "webrtc or websocket"
                : "one of " + String.join(", ", values)) + " (got \"" + setting + "\")");
    }

    @Override
    public RealtimeTransport create() {
        return new FallbackTransport(remaining());
    }

    @Override
    public boolean needsClientSecret() {
        return remaining().getFirst().factory().needsClientSecret();
    }

    /** The order less what failed earlier in this run; never empty (the last one is always tried). */
    private List<Choice> remaining() {
        List<Choice> left = order.stream().filter(c -> !failed.contains(c.kind())).toList();
        return left.isEmpty() ? List.of(order.getLast()) : left;
    }

    private static BooleanSupplier once(BooleanSupplier probe) {
        Boolean[] answer = new Boolean[1];
        return () -> {
            synchronized (answer) {
                if (answer[0] == null) {
                    answer[0] = probe.getAsBoolean();
                }
                return answer[0];
            }
        };
    }

    /** Tries each path in turn until one connects; then it is that transport. */
    final class FallbackTransport implements RealtimeTransport {
        private final List<Choice> choices;
        private volatile RealtimeTransport active;
        private volatile Kind activeKind;
        private volatile boolean closed;

        FallbackTransport(List<Choice> choices) {
            this.choices = choices;
        }

        @Override
        public void connect(RealtimeConnectRequest request, TransportListener listener) {
            List<String> didNotWork = order.stream().filter(c -> failed.contains(c.kind()))
                    .map(c -> c.kind().words()).collect(Collectors.toCollection(ArrayList::new));
            boolean noRelay = false;
            RealtimeTransportException last = null;
            for (Choice choice : choices) {
                if (choice.kind() == Kind.RELAY && !forced && !relayOffered.getAsBoolean()) {
                    noRelay = true;
                    continue;
                }
                if (choice.factory().needsClientSecret() && request.clientSecret().isEmpty()) {
                    continue; // minted nothing because this path had failed before: not tried again
                }
                RealtimeTransport t = choice.factory().create();
                try {
                    t.connect(request, listener);
                } catch (RealtimeTransportException e) {
                    t.close();
                    last = e;
                    if (choices.size() > 1) {
                        log.info("{} could not connect ({}); trying the next way", choice.kind().words(),
                                e.getMessage());
                        failed.add(choice.kind());
                        if (!didNotWork.contains(choice.kind().words())) {
                            didNotWork.add(choice.kind().words());
                        }
                    }
                    continue;
                }
                activeKind = choice.kind();
                active = t;
                if (closed) {
                    t.close(); // closed while it was connecting
                }
                String path = path(choice.kind(), didNotWork, noRelay);
                log.info("Voice: {}", path);
                listener.onPath(path);
                return;
            }
            throw last != null ? last : new RealtimeTransportException("no way to carry the voice is left");
        }

        private String path(Kind kind, List<String> didNotWork, boolean noRelay) {
            String using = "Using " + kind.words();
            if (forced) {
                return using + " (" + SETTING + "=" + kind.setting() + ").";
            }
            if (didNotWork.isEmpty()) {
                return using + ".";
            }
            String failures = didNotWork.size() == 1 ? didNotWork.getFirst()
                    : String.join(", ", didNotWork.subList(0, didNotWork.size() - 1)) + " and " + didNotWork.getLast();
            return using + ": " + failures + " failed" + (noRelay ? ", and the service offers no relay." : ".");
        }

        @Override
        public void send(String eventJson) {
            RealtimeTransport t = active;
            if (t != null) {
                t.send(eventJson);
            }
        }

        @Override
        public void setMicrophoneLive(boolean live) {
            RealtimeTransport t = active;
            if (t != null) {
                t.setMicrophoneLive(live);
            }
        }

        @Override
        public long playedAudioMillis() {
            RealtimeTransport t = active;
            return t == null ? 0 : t.playedAudioMillis();
        }

        @Override
        public double inputLevel() {
            RealtimeTransport t = active;
            return t == null ? 0 : t.inputLevel();
        }

        @Override
        public boolean hasServerOutputBuffer() {
            RealtimeTransport t = active;
            return t != null && t.hasServerOutputBuffer();
        }

        @Override
        public boolean usesClientSecret() {
            RealtimeTransport t = active;
            return t == null || t.usesClientSecret();
        }

        @Override
        public boolean savesTranscripts() {
            RealtimeTransport t = active;
            return t != null && t.savesTranscripts();
        }

        @Override
        public String transportName() {
            Kind kind = activeKind;
            return kind == null ? null : kind.setting();
        }

        @Override
        public void stopPlayback() {
            RealtimeTransport t = active;
            if (t != null) {
                t.stopPlayback();
            }
        }

        @Override
        public void mutePlayback(boolean muted) {
            RealtimeTransport t = active;
            if (t != null) {
                t.mutePlayback(muted);
            }
        }

        @Override
        public void close() {
            closed = true;
            RealtimeTransport t = active;
            if (t != null) {
                t.close();
            }
        }
    }
}

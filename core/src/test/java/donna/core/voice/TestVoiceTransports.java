package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestVoiceTransports {
    private static final RealtimeConnectRequest REQUEST = new RealtimeConnectRequest(URI.create("https://x"),
            "gpt-realtime", "ek_1", Duration.ofSeconds(1));
    private static final TransportListener IGNORE = new TransportListener() {
        @Override
        public void onEvent(String eventJson) {
        }

        @Override
        public void onFirstAudioFrame() {
        }

        @Override
        public void onClosed(String reason, boolean failure) {
        }
    };

    private final List<FakeTransport> webRtc = new ArrayList<>();
    private final List<FakeTransport> webSocket = new ArrayList<>();
    private boolean webRtcFails;

    private RealtimeTransportFactory webRtcFactory() {
        return () -> {
            FakeTransport t = new FakeTransport(true);
            if (webRtcFails) {
                t.failConnect = new RealtimeTransportException("ICE failed: UDP blocked");
            }
            webRtc.add(t);
            return t;
        };
    }

    private RealtimeTransportFactory webSocketFactory() {
        return () -> {
            FakeTransport t = new FakeTransport(false);
            webSocket.add(t);
            return t;
        };
    }

    @Test
    void webRtcIsPreferredWhenItConnects() {
        RealtimeTransport t = VoiceTransports.choose(null, Optional.of(webRtcFactory()), webSocketFactory()).create();
        t.connect(REQUEST, IGNORE);
        t.send("{\"type\":\"response.create\"}");

        assertThat(webRtc).hasSize(1);
        assertThat(webRtc.getFirst().sentTypes()).containsExactly("response.create");
        assertThat(webSocket).isEmpty();
        assertThat(t.hasServerOutputBuffer()).isTrue();
    }

    @Test
    void whenWebRtcCannotConnectTheWebSocketTakesOverForTheRestOfTheRun() {
        webRtcFails = true;
        VoiceTransports transports = VoiceTransports.choose("webrtc", Optional.of(webRtcFactory()),
                webSocketFactory());

        RealtimeTransport first = transports.create();
        first.connect(REQUEST, IGNORE);
        first.setMicrophoneLive(true);

        assertThat(webRtc.getFirst().closed).isTrue();
        assertThat(webSocket.getFirst().request).isEqualTo(REQUEST);
        assertThat(webSocket.getFirst().micLive).isTrue();
        assertThat(first.hasServerOutputBuffer()).isFalse();

        transports.create().connect(REQUEST, IGNORE);
        assertThat(webRtc).as("no second doomed WebRTC attempt").hasSize(1);
        assertThat(webSocket).hasSize(2);
    }

    @Test
    void configuredWebSocketOrNoWebRtcBuildUseTheWebSocket() {
        VoiceTransports.choose(" WebSocket ", Optional.of(webRtcFactory()), webSocketFactory()).create()
                .connect(REQUEST, IGNORE);
        VoiceTransports.choose("webrtc", Optional.empty(), webSocketFactory()).create().connect(REQUEST, IGNORE);

        assertThat(webRtc).isEmpty();
        assertThat(webSocket).hasSize(2);
    }

    @Test
    void anUnknownSettingIsRefusedByName() {
        assertThatThrownBy(() -> VoiceTransports.choose("carrier-pigeon", Optional.empty(), webSocketFactory()))
                .hasMessage("DONNA_VOICE_TRANSPORT must be webrtc or websocket (got \"carrier-pigeon\")");
    }

    // ---- the whole order: WebRTC, WebSocket, relay (when offered), batch ----

    private final List<String> tried = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final java.util.Set<String> failing = new java.util.HashSet<>();
    private int relayProbes;
    private boolean relayOn = true;

    private final TransportListener pathListener = new TransportListener() {
        @Override
        public void onEvent(String eventJson) {
        }

        @Override
        public void onFirstAudioFrame() {
        }

        @Override
        public void onClosed(String reason, boolean failure) {
        }

        @Override
        public void onPath(String description) {
            paths.add(description);
        }
    };

    /** A path named {@code name} that fails while it is in {@link #failing}; relay and batch need no secret. */
    private RealtimeTransportFactory path(String name) {
        boolean secret = name.equals("webrtc") || name.equals("websocket");
        return new RealtimeTransportFactory() {
            @Override
            public RealtimeTransport create() {
                FakeTransport t = new FakeTransport(false) {
                    @Override
                    public boolean usesClientSecret() {
                        return secret;
                    }
                };
                tried.add(name);
                if (failing.contains(name)) {
                    t.failConnect = new RealtimeTransportException(name + " failed");
                }
                return t;
            }

            @Override
            public boolean needsClientSecret() {
                return secret;
            }
        };
    }

    private VoiceTransports all(String setting) {
        return VoiceTransports.choose(setting, new VoiceTransports.Candidates(Optional.of(path("webrtc")),
                path("websocket"), Optional.of(path("relay")), () -> {
                    relayProbes++;
                    return relayOn;
                }, Optional.of(path("batch"))));
    }

    @Test
    void eachPathIsTriedInOrderWhenTheOnesBeforeFailAndThePaneIsToldWhy() {
        VoiceTransports transports = all(null);
        assertThat(transports.needsClientSecret()).as("WebRTC first: a secret is minted").isTrue();

        failing.addAll(List.of("webrtc", "websocket"));
        RealtimeTransport relayed = transports.create();
        relayed.connect(REQUEST, pathListener);
        assertThat(tried).containsExactly("webrtc", "websocket", "relay");
        assertThat(relayed.usesClientSecret()).isFalse();
        assertThat(paths).containsExactly("Using the relay: WebRTC and a direct connection to OpenAI failed.");

        failing.add("relay");
        tried.clear();
        assertThat(transports.needsClientSecret()).as("only service paths left: nothing to mint").isFalse();
        transports.create().connect(REQUEST, pathListener);
        assertThat(tried).as("the failed ones are not tried again").containsExactly("relay", "batch");
        assertThat(paths.getLast()).isEqualTo("Using the batch path: WebRTC, a direct connection to OpenAI and the "
                + "relay failed.");
        assertThat(relayProbes).as("the service is asked about its relay once").isEqualTo(1);
    }

    @Test
    void aServiceWithoutTheRelayIsSkippedToTheBatchPath() {
        relayOn = false;
        failing.addAll(List.of("webrtc", "websocket"));

        all("auto").create().connect(REQUEST, pathListener);

        assertThat(tried).containsExactly("webrtc", "websocket", "batch");
        assertThat(paths).containsExactly("Using the batch path: WebRTC and a direct connection to OpenAI failed, "
                + "and the service offers no relay.");
    }

    @Test
    void whenWebRtcConnectsNothingElseIsTried() {
        all(null).create().connect(REQUEST, pathListener);

        assertThat(tried).containsExactly("webrtc");
        assertThat(paths).containsExactly("Using WebRTC.");
        assertThat(relayProbes).isZero();
    }

    @Test
    void aForcedPathIsTheOnlyOneTriedAndNeedsNoSecretWhenItIsTheServices() {
        VoiceTransports relay = all(" Relay ");
        VoiceTransports batch = all("batch");
        assertThat(relay.needsClientSecret()).isFalse();
        assertThat(batch.needsClientSecret()).isFalse();

        relay.create().connect(REQUEST, pathListener);
        failing.add("batch");
        assertThatThrownBy(() -> batch.create().connect(REQUEST, pathListener)).hasMessage("batch failed");
        assertThatThrownBy(() -> batch.create().connect(REQUEST, pathListener)).hasMessage("batch failed");

        assertThat(tried).containsExactly("relay", "batch", "batch");
        assertThat(paths).containsExactly("Using the relay (DONNA_VOICE_TRANSPORT=relay).");
        assertThat(relayProbes).as("a forced relay is not probed: it is tried").isZero();
    }

    @Test
    void anUnknownSettingNamesEveryPath() {
        assertThatThrownBy(() -> all("pigeon")).hasMessage("DONNA_VOICE_TRANSPORT must be one of webrtc, websocket, "
                + "relay, batch (got \"pigeon\")");
    }
}

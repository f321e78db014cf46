package donna.app.bundled;

import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.WebRtcPeer;
import java.net.URI;

/**
 * Demo mode's stand-in for OpenAI: {@link FakeOpenAi} on loopback, started only when there is no key, so a
 * newcomer can try every pane. The app says so in a banner; nothing leaves the machine.
 */
public final class DemoOpenAi implements AutoCloseable {
    /** Any non-empty key: the fake only checks that one is sent. */
    public static final String KEY = "demo-key-not-secret";

    private FakeOpenAi fake;

    public synchronized URI baseUrl() {
        if (fake == null) {
            fake = FakeOpenAi.start();
            WebRtcPeer peer = new WebRtcPeer();
            fake.realtime().callsHandler(peer); // voice over WebRTC answers too
            fake.live().peer(peer); // and GPT-Live, when Settings chooses it
            // A spoken turn asks for the inbox summary and reads it out: DONNA acts by voice in the demo too.
            fake.realtime().actLikeTheDemo();
        }
        return fake.baseUrl();
    }

    @Override
    public synchronized void close() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }
}

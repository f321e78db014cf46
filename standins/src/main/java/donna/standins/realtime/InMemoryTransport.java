package donna.standins.realtime;

import donna.core.voice.Pcm16;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.TransportListener;

/**
 * A {@link RealtimeTransport} wired straight to a fresh {@link FakeRealtimeConversation} (WebRTC-like: audio is
 * media, the server has an output buffer), with the sound devices played by the test: {@link #speak} is the user
 * talking into the microphone, {@link #listen} the speaker playing DONNA's audio. No network, no threads: events
 * reach the listener on the calling thread. For view-model and session tests.
 */
public final class InMemoryTransport implements RealtimeTransport {
    private final FakeRealtimeConversation conversation = FakeRealtimeConversation.standalone(AudioPath.MEDIA);
    private TransportListener listener;
    private boolean micLive;
    private boolean open;
    private boolean closed;
    private long playedMs;
    private double level;
    private boolean firstAudioReported;
    private String refuse;

    /** The brain this transport talks to. */
    public FakeRealtimeConversation conversation() {
        return conversation;
    }

    /** The next connect fails with this reason (a network that refuses us). */
    public InMemoryTransport refuseConnect(String reason) {
        this.refuse = reason;
        return this;
    }

    @Override
    public synchronized void connect(RealtimeConnectRequest request, TransportListener transportListener) {
        if (refuse != null) {
            throw new RealtimeTransportException(refuse);
        }
        listener = transportListener;
        open = true;
        conversation.onDrop(() -> dropped("the connection dropped"));
        conversation.open(this::deliver);
    }

    /** The user says {@code ms} of voice (tone) into the microphone; the model hears it only while the mic is live. */
    public void speak(long ms) {
        byte[] pcm = Tone.voice(ms);
        synchronized (this) {
            level = Pcm16.level(pcm);
            if (!micLive || !open) {
                return;
            }
        }
        conversation.microphone(pcm);
    }

    /** The microphone hears silence from now on. */
    public synchronized void quiet() {
        level = 0;
    }

    /** The speaker plays {@code ms} of DONNA's audio (silence when she is not speaking). */
    public void listen(long ms) {
        byte[] pcm = conversation.speak((int) ms * 48);
        TransportListener l;
        boolean first;
        synchronized (this) {
            if (!open) {
                return;
            }
            boolean audible = !Pcm16.silent(pcm);
            if (audible) {
                playedMs += ms;
            }
            first = audible && !firstAudioReported;
            firstAudioReported |= audible;
            if (!conversation.speaking()) {
                firstAudioReported = false;
            }
            l = listener;
        }
        if (first) {
            l.onFirstAudioFrame();
        }
    }

    /** The network drops the connection (the listener hears a failure). */
    public void drop() {
        conversation.drop();
    }

    public synchronized boolean microphoneLive() {
        return micLive;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void send(String eventJson) {
        if (isOpen()) {
            conversation.receive(eventJson);
        }
    }

    @Override
    public synchronized void setMicrophoneLive(boolean live) {
        micLive = live;
    }

    @Override
    public synchronized long playedAudioMillis() {
        return playedMs;
    }

    @Override
    public synchronized double inputLevel() {
        return level;
    }

    @Override
    public boolean hasServerOutputBuffer() {
        return true;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            open = false;
        }
        conversation.closed();
    }

    private synchronized boolean isOpen() {
        return open;
    }

    private void deliver(String event) {
        TransportListener l;
        synchronized (this) {
            l = open ? listener : null;
        }
        if (l != null) {
            l.onEvent(event);
        }
    }

    private void dropped(String reason) {
        TransportListener l;
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            l = listener;
        }
        l.onClosed(reason, true);
    }
}

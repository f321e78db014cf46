package donna.core.voice.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the WebSocket transport knows which response is playing, from bytes queued and bytes played. */
class TestWebSocketPlayback {
    private final PlaybackTracker playback = new PlaybackTracker();

    @Test
    void aResponseStartsWithItsFirstPlayedByteAndStopsWhenItsLastIsPlayed() {
        assertThat(playback.queue("r1", 960)).isTrue();
        assertThat(playback.played(480)).isEqualTo(new PlaybackTracker.Change("r1", null));
        playback.queue("r1", 960);
        assertThat(playback.done("r1")).isEqualTo(PlaybackTracker.Change.NONE);
        assertThat(playback.played(960)).isEqualTo(PlaybackTracker.Change.NONE);
        assertThat(playback.played(480)).isEqualTo(new PlaybackTracker.Change(null, "r1"));
    }

    @Test
    void aShortResponsePlayedInOneFrameStartsAndStopsTogether() {
        playback.queue("r1", 480);
        playback.done("r1");

        assertThat(playback.played(960)).isEqualTo(new PlaybackTracker.Change("r1", "r1"));
    }

    @Test
    void afterAClearLateAudioOfTheInterruptedResponseIsRefused() {
        playback.queue("r1", 4800);
        playback.played(960);

        assertThat(playback.clear()).isEqualTo("r1");
        assertThat(playback.queue("r1", 960)).isFalse();
        assertThat(playback.queue("r2", 960)).isTrue();
        assertThat(playback.played(960)).isEqualTo(new PlaybackTracker.Change("r2", null));
    }

    @Test
    void aResponseCancelledBeforeItsAudioArrivedStaysSilent() {
        playback.mute("r3");

        assertThat(playback.queue("r3", 960)).isFalse();
        assertThat(playback.done("r3")).isEqualTo(PlaybackTracker.Change.NONE);
    }
}

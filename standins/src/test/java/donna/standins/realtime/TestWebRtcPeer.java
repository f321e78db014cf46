package donna.standins.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.standins.openai.FakeOpenAi;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's WebRTC peer at the HTTP edge: a real offer (recorded from the app's transport) in, a usable answer out.
 * Calls that connect, carry audio and drop are exercised end to end by platform-audio's transport tests.
 */
class TestWebRtcPeer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOpenAi openai = FakeOpenAi.start();
    private final FakeRealtime realtime = openai.realtime().callsHandler(new WebRtcPeer());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        http.close();
        openai.close();
    }

    @Test
    void answersAnOfferWithItsCandidatesAudioBothWaysAndTheEventChannel() throws Exception {
        HttpResponse<String> answer = call(offer());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/sdp");
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).matches("/v1/realtime/calls/rtc_[0-9a-f]{24}"));
        String sdp = answer.body();
        assertThat(sdp).startsWith("v=0").contains("m=audio ", "a=sendrecv", "opus/48000",
                "m=application ", "webrtc-datachannel", "a=setup:active");
        assertThat(sdp.lines().filter(l -> l.startsWith("a=candidate:")))
                .as("no trickling: the answer carries the peer's candidates").isNotEmpty();
        FakeRealtimeConversation conversation = realtime.conversations().getLast();
        assertThat(conversation.audioPath()).isEqualTo(AudioPath.MEDIA);
        assertThat(conversation.isOpen()).as("opens with the event channel, not before").isFalse();
    }

    @Test
    void anOfferWebRtcCannotReadIsAServerErrorAndEndsTheConversation() throws Exception {
        HttpResponse<String> answer = call("v=0\r\nthis is not a session description\r\n");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(answer.body()).path("error").path("message").asText()).contains("WebRTC peer");
        assertThat(realtime.conversations().getLast().isClosed()).isTrue();
    }

    private HttpResponse<String> call(String sdp) throws Exception {
        String secret = realtime.mint(JSON.createObjectNode()).body().path("value").asText();
        return http.send(HttpRequest.newBuilder(openai.baseUrl().resolve("/v1/realtime/calls"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(sdp)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String offer() throws IOException {
        try (InputStream in = TestWebRtcPeer.class.getResourceAsStream("offer.sdp")) {
            // SDP lines end in CRLF; the file may have lost them to a checkout's line-ending rules.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", "").replace("\n", "\r\n");
        }
    }
}

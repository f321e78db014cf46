package donna.audio.webrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.concurrent.CompletableFuture;

/** webrtc-java's callback-style offer/answer steps as futures, so a connect reads top to bottom. */
final class Negotiation {
    private Negotiation() {}

    static CompletableFuture<RTCSessionDescription> offer(RTCPeerConnection connection) {
        CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), created(result));
        return result;
    }

    static CompletableFuture<RTCSessionDescription> answer(RTCPeerConnection connection) {
        CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
        connection.createAnswer(new RTCAnswerOptions(), created(result));
        return result;
    }

    static CompletableFuture<Void> setLocal(RTCPeerConnection connection, RTCSessionDescription description) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        connection.setLocalDescription(description, applied(result));
        return result;
    }

    static CompletableFuture<Void> setRemote(RTCPeerConnection connection, RTCSessionDescription description) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        connection.setRemoteDescription(description, applied(result));
        return result;
    }

    private static CreateSessionDescriptionObserver created(CompletableFuture<RTCSessionDescription> result) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                result.complete(description);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver applied(CompletableFuture<Void> result) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(null);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }
}

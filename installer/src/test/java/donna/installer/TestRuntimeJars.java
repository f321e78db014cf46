package donna.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.ModuleAttribute;
import java.lang.constant.ModuleDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRuntimeJars {
    @TempDir
    Path dir;

    @Test
    void javafx_platform_jars_are_linked_placeholders_and_other_os_jars_stay_out_the_rest_is_the_class_path()
            throws IOException {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        jar(jars.resolve("javafx-graphics-26.0.1-linux.jar"), Map.of("module-info.class", module("javafx.graphics")));
        placeholder(jars.resolve("javafx-graphics-26.0.1.jar"), "javafx.graphicsEmpty");
        jar(jars.resolve("webrtc-java-0.14.0-windows-x86_64.jar"), Map.of("windows/webrtc.dll", new byte[] {1}));
        jar(jars.resolve("donna-app-0.1.0.jar"), Map.of("module-info.class", module("donna.app")));
        jar(jars.resolve("ikonli-javafx-12.4.0.jar"), Map.of("module-info.class",
                module("org.kordamp.ikonli.javafx")));
        jar(jars.resolve("jna-5.13.0.jar"), Map.of("com/sun/jna/Native.class", new byte[] {1}));

        RuntimeJars sorted = RuntimeJars.sort(jars, TargetOs.LINUX);

        assertThat(sorted.javafxModuleNames()).containsExactly("javafx.graphics");
        assertThat(sorted.classPath()).extracting(p -> p.getFileName().toString())
                .containsExactly("donna-app-0.1.0.jar", "ikonli-javafx-12.4.0.jar", "jna-5.13.0.jar");
        assertThat(sorted.excluded()).hasSize(2)
                .anySatisfy(e -> assertThat(e).startsWith("javafx-graphics-26.0.1.jar"))
                .anySatisfy(e -> assertThat(e).startsWith("webrtc-java-0.14.0-windows-x86_64.jar"));
    }

    @Test
    void a_multi_platform_jar_is_copied_with_only_this_os_natives() throws IOException {
        Path sqlite = jar(dir.resolve("sqlite-jdbc.jar"), Map.of(
                "org/sqlite/JDBC.class", new byte[] {1, 2},
                "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", new byte[] {3},
                "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll", new byte[] {4},
                "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib", new byte[] {5}));

        List<String> dropped = NativeStripper.copy(sqlite, dir.resolve("copy.jar"), TargetOs.LINUX);

        assertThat(dropped).containsExactlyInAnyOrder("org/sqlite/native/Windows/x86_64/sqlitejdbc.dll",
                "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib");
        try (ZipFile copy = new ZipFile(dir.resolve("copy.jar").toFile())) {
            assertThat(copy.stream().map(e -> e.getName())).contains("META-INF/MANIFEST.MF", "org/sqlite/JDBC.class",
                    "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so").hasSize(3);
            assertThat(copy.getInputStream(copy.getEntry("org/sqlite/JDBC.class")).readAllBytes())
                    .containsExactly(1, 2);
        }
    }

    @Test
    void a_signed_jar_is_copied_whole_so_its_signature_still_holds() throws IOException {
        Path signed = jar(dir.resolve("signed.jar"), Map.of("META-INF/SIGNER.SF", new byte[] {1},
                "natives/windows/x.dll", new byte[] {2}));

        assertThat(NativeStripper.copy(signed, dir.resolve("copy.jar"), TargetOs.LINUX)).isEmpty();
        assertThat(Files.mismatch(signed, dir.resolve("copy.jar"))).isEqualTo(-1);
    }

    @Test
    void javafx_natives_are_taken_from_the_jar_root_into_the_runtime_library_folder() throws IOException {
        Path fx = jar(dir.resolve("javafx-graphics-26.0.1-linux.jar"), Map.of("libglass.so", new byte[] {7},
                "com/sun/glass/ui/Application.class", new byte[] {8}));

        JavafxNatives.copy(fx, dir.resolve("runtime/lib"));

        assertThat(dir.resolve("runtime/lib/libglass.so")).hasBinaryContent(new byte[] {7});
        assertThat(dir.resolve("runtime/lib/com")).doesNotExist();
    }

    private static byte[] module(String name) {
        return ClassFile.of().buildModule(ModuleAttribute.of(ModuleDesc.of(name),
                m -> m.requires(ModuleDesc.of("java.base"), Set.of(AccessFlag.MANDATED), null)));
    }

    private static Path jar(Path path, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return write(path, manifest, entries);
    }

    private static Path placeholder(Path path, String automaticName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", automaticName);
        return write(path, manifest, Map.of());
    }

    private static Path write(Path path, Manifest manifest, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(path);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return path;
    }
}

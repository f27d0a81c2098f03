package io.headrecon.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Dataflow worker image (and the Flex Template launcher, same image: {@code /template/*}) is
 * the pipelines module's runtime classpath built with the {@code gpu,dataflow} profiles
 * (terraform/docker/Dockerfile). Training (DJL on libtorch, Tribuo's ONNX writer, the training
 * module) must not be on it: hundreds of MB and a second native engine on every worker. Checked
 * here on the pipelines' runtime classpath this module tests with, on the POMs of the modules in
 * the image (every profile included, so {@code gpu,dataflow} too), and on the Dockerfile's own
 * guard, which fails the image build when such a jar appears.
 */
class WorkerImageTest {
  /** Jar file names of training dependencies (DJL, libtorch, Tribuo, the training module). */
  static final Pattern TRAINING_JAR =
      Pattern.compile(
          "(^|[/\\\\])(ai[/\\\\]djl[/\\\\].*|pytorch-(engine|jni|native-cpu)[^/\\\\]*|"
              + "tribuo-[^/\\\\]*|headrecon-training[^/\\\\]*)$");

  /** Group ids of training dependencies, as POMs name them. */
  static final List<String> TRAINING_GROUPS = List.of("ai.djl", "ai.djl.pytorch", "org.tribuo");

  private static Path root() {
    return TerraformFolder.path().getParent();
  }

  @Test
  void thePipelinesRuntimeClasspathCarriesNoTrainingJar() {
    List<String> entries =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    assertThat(entries).anyMatch(e -> e.contains("headrecon-pipelines") || e.contains("pipelines"));
    assertThat(entries).noneMatch(e -> TRAINING_JAR.matcher(e).find());
    assertThatThrownBy(() -> Class.forName("ai.djl.Model"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.headrecon.training.train.TrainDepthNet"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theImageModulesDependOnNoTrainingArtifactInAnyProfile() throws Exception {
    for (String module :
        List.of("proto", "geometry", "model", "synth", "transforms", "pipelines")) {
      List<String> found = trainingDependencies(root().resolve(module).resolve("pom.xml"));
      assertThat(found).as(module + "/pom.xml").isEmpty();
    }
  }

  @Test
  void aTrainingDependencyInAPomIsReported() throws Exception {
    Path pom = Files.createTempFile("pom", ".xml");
    try {
      Files.writeString(
          pom,
          "<project><profiles><profile><id>gpu</id><dependencies><dependency>"
              + "<groupId>ai.djl.pytorch</groupId><artifactId>pytorch-engine</artifactId>"
              + "</dependency></dependencies></profile></profiles><dependencies><dependency>"
              + "<groupId>io.headrecon</groupId><artifactId>headrecon-training</artifactId>"
              + "</dependency></dependencies></project>");
      assertThat(trainingDependencies(pom))
          .containsExactlyInAnyOrder(
              "ai.djl.pytorch:pytorch-engine", "io.headrecon:headrecon-training");
    } finally {
      Files.delete(pom);
    }
    assertThat(TRAINING_JAR.matcher("/m2/ai/djl/api/0.36.0/api-0.36.0.jar").find()).isTrue();
    assertThat(TRAINING_JAR.matcher("/template/pytorch-jni-2.7.1-0.36.0.jar").find()).isTrue();
    assertThat(TRAINING_JAR.matcher("/template/onnxruntime_gpu-1.23.2.jar").find()).isFalse();
  }

  @Test
  void theDockerBuildFailsOnTrainingJarsAndBuildsWithTheGpuAndDataflowProfiles() throws Exception {
    String dockerfile = Files.readString(root().resolve("terraform/docker/Dockerfile"));
    assertThat(dockerfile).contains("ARG MAVEN_PROFILES=gpu,dataflow");
    assertThat(dockerfile).contains("dependency:copy-dependencies -DincludeScope=runtime");
    assertThat(dockerfile).contains("FLEX_TEMPLATE_JAVA_CLASSPATH=/template/*");
    // the guard after copying the jars: any of these names fails the build
    String guard = dockerfile.lines().filter(l -> l.contains("grep -qE")).findFirst().orElseThrow();
    for (String jar :
        List.of(
            "pytorch-engine-0.36.0.jar",
            "pytorch-jni-2.7.1-0.36.0.jar",
            "pytorch-native-cpu-2.7.1-linux-x86_64.jar",
            "tribuo-util-onnx-4.3.2.jar",
            "headrecon-training-0.1.0-SNAPSHOT.jar")) {
      String regex = guard.substring(guard.indexOf('\'') + 1, guard.lastIndexOf('\''));
      assertThat(Pattern.compile(regex).matcher(jar).find()).as(jar).isTrue();
    }
  }

  @Test
  void theGpuProfileSwapsInTheCudaBuildOfOnnxRuntime() throws Exception {
    // the CUDA execution provider is only in onnxruntime_gpu: the image's gpu profile must put it
    // where the model module takes ONNX Runtime from (not run here: no GPU on this machine)
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    Document parent = factory.newDocumentBuilder().parse(root().resolve("pom.xml").toFile());
    String byDefault = "";
    String withGpu = "";
    NodeList properties = parent.getElementsByTagName("onnxruntime.artifactId");
    for (int i = 0; i < properties.getLength(); i++) {
      Element p = (Element) properties.item(i);
      Element profile = (Element) p.getParentNode().getParentNode();
      if (profile.getTagName().equals("profile")) {
        if (text(profile, "id").equals("gpu")) {
          withGpu = p.getTextContent().trim();
        }
      } else {
        byDefault = p.getTextContent().trim();
      }
    }
    assertThat(byDefault).isEqualTo("onnxruntime");
    assertThat(withGpu).isEqualTo("onnxruntime_gpu");
    assertThat(Files.readString(root().resolve("model/pom.xml")))
        .contains("<artifactId>${onnxruntime.artifactId}</artifactId>");
    assertThat(Files.readString(root().resolve("terraform/docker/Dockerfile")))
        .contains("grep -q '^onnxruntime_gpu-'");
  }

  /** {@code groupId:artifactId} of every training dependency a POM declares, in any profile. */
  static List<String> trainingDependencies(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(pom.toFile());
    NodeList dependencies = doc.getElementsByTagName("dependency");
    List<String> found = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      String group = text(d, "groupId");
      String artifact = text(d, "artifactId");
      if (TRAINING_GROUPS.contains(group) || artifact.equals("headrecon-training")) {
        found.add(group + ":" + artifact);
      }
    }
    return found;
  }

  private static String text(Element e, String tag) {
    NodeList n = e.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
  }
}

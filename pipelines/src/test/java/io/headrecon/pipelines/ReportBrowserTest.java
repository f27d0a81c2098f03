package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headrecon.proto.ProtoJson;
import io.headrecon.proto.SubjectManifest;
import io.headrecon.transforms.report.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The QC report in a real browser: Debian's chromium, headless, driven by chromedriver, against the
 * report of one small run (one subject of three views with ground-truth depth and per-view outputs,
 * one broken subject). Screenshots go to {@code target/report-screenshots/}. Without chromium the
 * tests fail under {@code CI=true} and are skipped elsewhere.
 */
class ReportBrowserTest {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final String GOOD = "subject-0000";
  static final String BROKEN = "broken";

  @TempDir static Path temp;
  static Path report;
  static ChromeDriver driver;

  @BeforeAll
  static void runPipelineAndStartBrowser() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message =
          "the report's browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (apt-get install chromium chromium-driver; .ci/run installs them)";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      assumeTrue(false, message);
    }
    Path input = Files.createDirectories(temp.resolve("in"));
    Path output = temp.resolve("out");
    Path subject = TestData.copySubjectViewsAs(GOOD, GOOD, input, TestData.FEW_VIEWS);
    // Without the ground-truth mesh: measuring against it takes longer than the whole rest.
    Path manifestPath = subject.resolve("manifest.json");
    SubjectManifest manifest =
        ProtoJson.parseManifest(Files.readString(manifestPath), manifestPath.toString());
    Files.writeString(
        manifestPath, ProtoJson.toJson(manifest.toBuilder().clearGroundTruth().build()));
    Files.createDirectories(input.resolve(BROKEN));
    Files.write(input.resolve(BROKEN).resolve("a.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    PipelineResult result =
        ReconstructHeads.run(
            ReconstructHeadsTest.options(
                input.toString(), output.toString(), "--writeViewOutputs"));
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    report = output.resolve(WriteReport.INDEX);
    assertThat(report).exists();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1200,1600",
        "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    if (driver == null) {
      return;
    }
    List<String> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(errors).as("browser console errors").isEmpty();
  }

  static void open(Path page) {
    driver.get(page.toUri().toString());
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(
            d ->
                "complete"
                    .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  static void screenshot(String name) throws IOException {
    Path dir = Files.createDirectories(Paths.get("target", "report-screenshots"));
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  static List<String> subjectColumn() {
    return driver.findElements(By.cssSelector("#subject-table tbody tr")).stream()
        .filter(WebElement::isDisplayed)
        .map(r -> r.findElement(By.cssSelector("a.subject")).getText())
        .toList();
  }

  @Test
  void indexListsTheWorstFirstAndTheTableSortsAndFilters() throws IOException {
    open(report);
    screenshot("index");
    assertThat(driver.findElement(By.id("run")).getText())
        .contains("groundtruth")
        .contains("DirectRunner");
    assertThat(driver.findElement(By.cssSelector(".counts")).getText())
        .contains("ok 1")
        .contains("failed 1");
    assertThat(subjectColumn()).containsExactly(BROKEN, GOOD);
    WebElement subjectHeader = driver.findElements(By.cssSelector("#subject-table th")).get(1);
    subjectHeader.click(); // ascending
    assertThat(subjectColumn()).containsExactly(BROKEN, GOOD);
    subjectHeader.click(); // descending
    assertThat(subjectColumn()).containsExactly(GOOD, BROKEN);
    WebElement points = driver.findElements(By.cssSelector("#subject-table th")).get(4);
    points.click(); // ascending, empty cells last
    assertThat(subjectColumn()).containsExactly(GOOD, BROKEN);
    driver.findElement(By.id("filter")).sendKeys("usable");
    assertThat(subjectColumn()).containsExactly(BROKEN);
    assertThat(driver.findElement(By.id("shown")).getText()).isEqualTo("1 of 2 shown");
    screenshot("index-filtered");
  }

  @Test
  void aFailedSubjectsPageShowsItsReasonsAndTheFilesTheyName() throws IOException {
    open(report.resolveSibling("subjects").resolve(BROKEN + ".html"));
    screenshot("failed-subject");
    assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("failed:fusion");
    String failures = driver.findElement(By.id("failures")).getText();
    assertThat(failures).contains("no usable view").contains("decode").contains("a.png");
  }

  @Test
  void theViewerDrawsTheFusedCloudAndThePageShowsRendersAndPhotos() throws IOException {
    open(report.resolveSibling("subjects").resolve(GOOD + ".html"));
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(
            d ->
                Boolean.TRUE.equals(
                    driver.executeScript("return window.headreconViewerDrawn === true")));
    screenshot("subject");
    // Reads the WebGL canvas back (preserveDrawingBuffer) and counts pixels off the background.
    Object changed =
        driver.executeScript(
            "var src = document.getElementById('viewer');"
                + "var c = document.createElement('canvas'); c.width = src.width; c.height = src.height;"
                + "var g = c.getContext('2d'); g.drawImage(src, 0, 0);"
                + "var d = g.getImageData(0, 0, c.width, c.height).data; var n = 0;"
                + "for (var i = 0; i < d.length; i += 4) {"
                + "  if (Math.abs(d[i] - 236) + Math.abs(d[i + 1] - 236) + Math.abs(d[i + 2] - 236) > 30) n++; }"
                + "return n;");
    // A head fills about a fifth of the 480x480 canvas; a blank canvas has none.
    assertThat(((Number) changed).longValue()).isGreaterThan(10_000L);
    for (String view : List.of("front", "side", "top")) {
      WebElement img = driver.findElement(By.cssSelector("img[alt='" + view + "']"));
      assertThat(
              ((Number) driver.executeScript("return arguments[0].naturalWidth", img)).intValue())
          .as(view + " render loaded")
          .isEqualTo(360);
    }
    List<WebElement> photos = driver.findElements(By.cssSelector("#photos img"));
    assertThat(photos).hasSize(2 * TestData.FEW_VIEWS.length); // photo and depth map per view
    for (WebElement img : photos) {
      assertThat(
              ((Number) driver.executeScript("return arguments[0].naturalWidth", img)).intValue())
          .as(img.getAttribute("src"))
          .isPositive();
    }
  }
}

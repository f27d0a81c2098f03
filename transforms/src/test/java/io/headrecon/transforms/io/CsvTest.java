package io.headrecon.transforms.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headrecon.proto.FailureRecord;
import io.headrecon.proto.SubjectMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4180 rows: what {@link Csv#row} writes, {@link Csv#parse} reads back unchanged. */
class CsvTest {
  @Test
  void quotesOnlyFieldsThatNeedIt() {
    assertThat(Csv.row("plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", ""))
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",");
  }

  @Test
  void randomRowsRoundTrip() {
    Random random = new Random(20240612L);
    String alphabet = "ab,\"\r\n x;'";
    List<List<String>> rows = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < 500; r++) {
      List<String> row = new ArrayList<>();
      int fields = 1 + random.nextInt(6);
      for (int f = 0; f < fields; f++) {
        StringBuilder field = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
          field.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        row.add(field.toString());
      }
      if (row.size() == 1 && row.get(0).isEmpty()) {
        row.set(0, "x"); // an empty line is no row
      }
      rows.add(row);
      text.append(Csv.row(row)).append(random.nextBoolean() ? "\n" : "\r\n");
    }
    assertThat(Csv.parse(text.toString())).isEqualTo(rows);
  }

  @Test
  void lastLineBreakIsOptional() {
    assertThat(Csv.parse("a,b\n\"c\",d")).containsExactly(List.of("a", "b"), List.of("c", "d"));
    assertThat(Csv.parse("a,\"\"\n")).containsExactly(List.of("a", ""));
  }

  @Test
  void malformedTextIsRejected() {
    assertThatThrownBy(() -> Csv.parse("a,\"open\n")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> Csv.parse("a,b\"c\n")).hasMessageContaining("quote inside");
    assertThatThrownBy(() -> Csv.parse("\"a\"b\n")).hasMessageContaining("after a closing");
  }

  @Test
  void summaryRowsKeepSubjectIdsWithCommasAndQuotes() {
    for (String id : List.of("a,b", "say \"x\"", "line\nbreak", "plain-id")) {
      String failed =
          WriteResults.failedRow(
              FailureRecord.newBuilder()
                  .setSubjectId(id)
                  .setStage("list")
                  .setReason("subject id '" + id + "', \"unsafe\"\nsecond line")
                  .build());
      List<List<String>> parsed = Csv.parse(failed + "\n");
      assertThat(parsed).hasSize(1);
      assertThat(parsed.get(0)).hasSize(10);
      assertThat(parsed.get(0).get(0)).isEqualTo(id);
      assertThat(parsed.get(0).get(1)).isEqualTo("failed:list");
      assertThat(parsed.get(0).get(9))
          .isEqualTo(("subject id '" + id + "', \"unsafe\" second line").replace('\n', ' '));

      String ok =
          WriteResults.summaryRow(
              SubjectMetrics.newBuilder().setSubjectId(id).setVerdict("ok").build());
      List<String> okCells = Csv.parse(ok).get(0);
      assertThat(okCells).hasSize(10);
      assertThat(okCells.get(0)).isEqualTo(id);
      assertThat(okCells.get(1)).isEqualTo("ok");
      assertThat(WriteResults.SUMMARY_HEADER.split(",")).hasSize(10);
    }
  }
}

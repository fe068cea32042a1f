"""The CSV/TSV reader: sniffed delimiter, UTF-8/Latin-1/UTF-16 text, quoted newlines, one bad record
rejected without losing the rest; read in blocks so that memory stays flat."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import IO, Final

import polars as pl

from greencustoms.engine._input import ReaderState, Utf16AsUtf8, errors_frame, open_text, standardise
from greencustoms.engine.columns import LINE
from greencustoms.engine.errors import MalformedInputError

_BLOCK_BYTES: Final = 16 * 1024 * 1024


# -- CSV / TSV ---------------------------------------------------------------------------------------
class _LineFeed:
    """Feeds lines (with their newline) to csv.reader and notes whether it ran past the end."""

    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = lines
        self.index = start
        self.exhausted = False

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if self.index >= len(self.lines):
            self.exhausted = True
            raise StopIteration
        line = self.lines[self.index]
        self.index += 1
        return line + "\n"


class CsvSource:
    def __init__(self, reader: ReaderState) -> None:
        self.reader = reader
        self.stats = reader.stats
        self.encoding = ""  # decided at the first non-ASCII bytes
        self.source_encoding = ""  # "utf-16" when the file was decoded to UTF-8 before reading
        self.sep = ""

    # decoding: UTF-8 unless the first non-ASCII bytes are not UTF-8, then Latin-1
    def _decode(self, data: bytes) -> tuple[str, list[int]]:
        """Text of `data` and the indexes (0-based, within `data`) of lines that are not valid UTF-8."""
        if self.encoding == "latin-1":
            return data.decode("latin-1"), []
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if not self.encoding and not re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
                self.encoding = "latin-1"
                self.stats.encoding = "latin-1"
                return data.decode("latin-1"), []
            self.encoding = "utf-8"
            escaped = data.decode("utf-8", errors="surrogateescape")
            bad = [i for i, line in enumerate(escaped.split("\n")) if re.search("[\udc80-\udcff]", line)]
            return data.decode("utf-8", errors="replace"), bad
        if not self.encoding and not data.isascii():
            self.encoding = "utf-8"
        return text, []

    def frames(self) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
        fh, self.source_encoding = open_text(self.reader.path)
        if self.source_encoding:
            self.encoding = "utf-8"  # what the decoder hands on; no Latin-1 guess
        with fh.text if isinstance(fh, Utf16AsUtf8) else fh:
            yield from self._frames(fh)

    def _header(self, fh: IO[bytes] | Utf16AsUtf8) -> tuple[list[str], int]:
        first = fh.readline()
        self.stats.bytes_read += len(first)
        if first.startswith(b"\xef\xbb\xbf"):
            first = first[3:]
            self.encoding = "utf-8"
        if not first.strip():
            raise MalformedInputError(f"{self.reader.path.name}: empty file or blank first line (no header)")
        text, bad = self._decode(first.rstrip(b"\r\n"))
        if bad:
            raise MalformedInputError(f"{self.reader.path.name}: line 1 (header) is not valid UTF-8")
        if self.stats.format == "tsv":
            self.sep = "\t"
        else:
            counts = {sep: text.count(sep) for sep in (",", ";", "\t", "|")}
            self.sep = max(counts, key=lambda s: counts[s]) if max(counts.values()) else ","
        headers = next(csv.reader([text], delimiter=self.sep))
        if len({h.strip().lower() for h in headers}) != len(headers):
            raise MalformedInputError(f"{self.reader.path.name}: line 1 (header) repeats a column name")
        self.stats.delimiter = {"\t": "tab"}.get(self.sep, self.sep)
        return headers, 1

    def _frames(self, fh: IO[bytes] | Utf16AsUtf8) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
        headers, header_lines = self._header(fh)
        resolved = self.reader.mapping.resolve(headers)
        self.stats.physical_lines = header_lines
        self.stats.encoding = self.source_encoding or self.encoding or "utf-8"
        ncols = len(headers)
        carry = b""
        next_line = header_lines + 1
        eof = False
        while not eof:
            data = fh.read(_BLOCK_BYTES)
            self.stats.bytes_read += len(data)
            eof = not data
            block = carry + data
            if not block:
                break
            if not eof:
                cut = block.rfind(b"\n")
                if cut < 0:
                    carry = block
                    continue
                block, carry = block[: cut + 1], block[cut + 1 :]
            elif not block.endswith(b"\n"):
                block += b"\n"
            n_lines = block.count(b"\n")  # counted once: a 16 MB scan
            frame, errors, consumed = self._parse_block(
                block, next_line, headers, ncols, final=eof, n_lines=n_lines
            )
            if consumed < n_lines:
                # an open quoted field reaches the end of the block: parse those lines with the next one
                lines_kept = block.split(b"\n")[consumed:-1]
                carry = b"\n".join(lines_kept) + b"\n" + carry
            next_line += consumed
            self.stats.physical_lines += consumed
            if frame.height or errors.height:
                yield standardise(frame, resolved), errors
        self.stats.encoding = self.source_encoding or self.encoding or "utf-8"

    def _whole_block(
        self, block: bytes, first_line: int, headers: list[str], ncols: int, *, lines: int | None = None
    ) -> pl.DataFrame | None:
        """The common case in one native read: every line one record of exactly `ncols` fields.

        Proven, not assumed: Polars refuses rows with too many fields; the record count must equal the
        line count (no quoted newline, no blank line); and no row may have too few fields: Polars fills
        those with "" up to the last column, so either no record's last field is empty or the separators
        in the block must number (ncols - 1) per record plus those inside values. Otherwise None, and the
        block goes line by line.
        """
        if self.encoding == "latin-1":
            data = block.decode("latin-1").encode("utf-8")
        elif not block.isascii() and not self.encoding:
            self._decode(block)  # decides the encoding
            return self._whole_block(block, first_line, headers, ncols, lines=lines)
        else:
            data = block
        sep = self.sep
        try:
            frame = pl.read_csv(
                data,
                has_header=False,
                new_columns=headers,
                separator=sep,
                quote_char='"',
                infer_schema=False,
                empty_string_is_null=False,
                truncate_ragged_lines=False,
                encoding="utf8",
            )
        except pl.exceptions.PolarsError:
            return None
        if lines is None:
            lines = block.count(b"\n")
        if frame.height != lines or frame.width != ncols:
            return None
        if frame.null_count().sum_horizontal().item():
            return None
        # Polars fills the missing fields of a short record with "" up to the last column: when no
        # record's last field is empty, none is short and the separators need not be counted
        if (frame.to_series(ncols - 1) == "").any():
            expected = lines * (ncols - 1)
            if b'"' in block:
                inside = frame.select(
                    pl.sum_horizontal(pl.col(h).str.count_matches(sep, literal=True).sum() for h in headers)
                ).item()
                expected += int(inside or 0)
            if data.count(sep.encode()) != expected:
                return None
        return frame.with_columns(pl.int_range(first_line, first_line + lines, dtype=pl.Int64).alias(LINE))

    def _parse_block(
        self,
        block: bytes,
        first_line: int,
        headers: list[str],
        ncols: int,
        *,
        final: bool,
        n_lines: int | None = None,
    ) -> tuple[pl.DataFrame, pl.DataFrame, int]:
        """Records of `block` (whole lines; `n_lines` of them if known); returns (records, errors, number
        of lines consumed)."""
        if n_lines is None:
            n_lines = block.count(b"\n")
        whole = self._whole_block(block, first_line, headers, ncols, lines=n_lines)
        if whole is not None:
            return whole, errors_frame([]), n_lines
        text, bad_lines = self._decode(block)
        lines = pl.Series("raw", [text]).str.split("\n").explode().str.strip_suffix("\r")
        lines = lines.head(lines.len() - 1)  # the block ends with a newline
        n = lines.len()
        sep = self.sep
        info = pl.DataFrame({"raw": lines}).with_columns(
            pl.col("raw").str.count_matches('"', literal=True).alias("q"),
            pl.col("raw").str.count_matches(sep, literal=True).alias("s"),
            (pl.int_range(0, n, dtype=pl.Int64) + first_line).alias(LINE),
        )
        errors: list[tuple[int, str, str]] = []
        slow_records: list[list[str]] = []
        slow_lines: list[int] = []
        # lines with an odd number of quotes may open a multi-line record (or hold a literal inch mark):
        # the csv module reads those; all other lines are one record each and are split vectorised
        special = info.filter((pl.col("q") % 2 == 1) | (pl.col("raw") == "")).get_column(LINE).to_list()
        consumed_mask: set[int] = set()  # lines taken by the slow path (relative indexes)
        bad_set = set(bad_lines)
        consumed = n
        if special or bad_set:
            raw_list = lines.to_list() if special else []
            next_free = 0
            for line in special:
                idx = line - first_line
                if idx < next_free:
                    continue
                consumed_mask.add(idx)
                if raw_list[idx] == "":
                    errors.append((line, "", "blank line"))
                    next_free = idx + 1
                    continue
                feed = _LineFeed(raw_list, idx)
                reader = csv.reader(feed, delimiter=sep)
                try:
                    record = next(reader)
                except csv.Error as exc:
                    record = None
                    problem = str(exc)
                except StopIteration:
                    record, problem = None, "unreadable line"
                span = max(reader.line_num, 1)
                if feed.exhausted and not final:
                    consumed = idx  # open quote at the end of the block: retry with more data
                    break
                for extra in range(idx + 1, min(idx + span, n)):
                    consumed_mask.add(extra)
                next_free = idx + span
                span_note = f" (record spans lines {line}-{line + span - 1})" if span > 1 else ""
                if feed.exhausted:
                    errors.append((line, "", f"quoted field never closed{span_note}"))
                elif record is None:
                    errors.append((line, "", f"cannot parse the line: {problem}"))
                elif len(record) != ncols:
                    errors.append(
                        (
                            line,
                            record[0] if record else "",
                            f"{len(record)} fields, expected {ncols}{span_note}",
                        )
                    )
                else:
                    slow_records.append(record)
                    slow_lines.append(line)
        keep = pl.int_range(0, n, dtype=pl.Int64)
        rest = info.filter(~keep.is_in(list(consumed_mask)) & (keep < consumed))
        fast = rest.filter(pl.col("q") == 0)
        ragged = fast.filter(pl.col("s") != ncols - 1)
        fast = fast.filter(pl.col("s") == ncols - 1)
        for line, raw, s in ragged.select(LINE, "raw", "s").iter_rows():
            errors.append((line, raw.split(sep, 1)[0], f"{s + 1} fields, expected {ncols}"))
        names = [f"field_{i}" for i in range(ncols)]
        fast_frame = (
            fast.select(pl.col("raw").str.split_exact(sep, ncols - 1).struct.rename_fields(names), LINE)
            .unnest("raw")
            .rename(dict(zip(names, headers, strict=True)))
        )
        quoted_frame, quoted_errors = _quoted_lines(rest.filter(pl.col("q") > 0), headers, sep)
        errors.extend(quoted_errors)
        if quoted_frame.height:
            fast_frame = pl.concat([fast_frame, quoted_frame])
        if slow_records:
            slow_frame = pl.DataFrame(
                [[*r, ln] for r, ln in zip(slow_records, slow_lines, strict=True)],
                schema=[*headers, LINE],
                orient="row",
            ).with_columns(pl.col(LINE).cast(pl.Int64))
            frame = pl.concat([fast_frame, slow_frame]).sort(LINE)
        else:
            frame = fast_frame.sort(LINE)
        if bad_set:
            bad_abs = [first_line + i for i in bad_set if i < consumed]
            bad_rows = frame.filter(pl.col(LINE).is_in(bad_abs))
            for (line,) in bad_rows.select(LINE).iter_rows():
                errors.append((line, "", "line is not valid UTF-8 (the rest of the file is UTF-8)"))
            frame = frame.filter(~pl.col(LINE).is_in(bad_abs))
        errors.sort()
        return frame, errors_frame(errors), consumed


_QUOTED_FIELD = r'"(?:[^"]|"")*"'


def _quoted_lines(
    lines: pl.DataFrame, headers: list[str], sep: str
) -> tuple[pl.DataFrame, list[tuple[int, str, str]]]:
    """One-line records with balanced quotes: parsed by Polars' CSV reader, the doubtful ones by csv."""
    ncols = len(headers)
    empty = pl.DataFrame(schema={**dict.fromkeys(headers, pl.String), LINE: pl.Int64})
    if lines.height == 0:
        return empty, []
    counted = lines.with_columns(
        pl.col("raw").str.replace_all(_QUOTED_FIELD, "").str.count_matches(sep, literal=True).alias("s")
    )
    sure = counted.filter(pl.col("s") == ncols - 1)
    doubtful = counted.filter(pl.col("s") != ncols - 1)
    frames = []
    if sure.height:
        parsed: pl.DataFrame | None
        try:
            parsed = pl.read_csv(
                sure.select(pl.col("raw").str.join("\n")).item().encode() + b"\n",
                has_header=False,
                new_columns=headers,
                separator=sep,
                quote_char='"',
                infer_schema=False,
                truncate_ragged_lines=False,
            )
        except pl.exceptions.PolarsError:
            parsed = None
        if parsed is not None and parsed.height == sure.height and parsed.width == ncols:
            # Polars reads an empty field as null; the other paths give "" (the same after validation)
            frames.append(parsed.with_columns(pl.all().fill_null(""), sure[LINE]))
        else:
            doubtful = pl.concat([doubtful, sure])
    errors: list[tuple[int, str, str]] = []
    if doubtful.height:
        rows, lines_ok = [], []
        for line, raw in doubtful.select(LINE, "raw").iter_rows():
            record = next(csv.reader([raw], delimiter=sep), [])
            if len(record) == ncols:
                rows.append(record)
                lines_ok.append(line)
            else:
                errors.append((line, record[0] if record else "", f"{len(record)} fields, expected {ncols}"))
        if rows:
            frames.append(
                pl.DataFrame(rows, schema=headers, orient="row").with_columns(
                    pl.Series(LINE, lines_ok, dtype=pl.Int64)
                )
            )
    return (pl.concat(frames) if frames else empty), errors

//! The server's input: LSP frames (`Content-Length` headers, a blank line, a JSON body) read
//! here rather than by `lsp-server`, whose reader allocates whatever length a header claims
//! (`Content-Length: 1000000000000`), panics on `usize::MAX` and ends silently on a bad body.
//!
//! A frame's length is capped before anything is allocated. A body that is not JSON (invalid
//! UTF-8 and lone surrogates included) or not a JSON-RPC message is answered with a JSON-RPC
//! error and reading goes on; a header that cannot be read (not a number, a bare LF line end, no
//! length, over the cap) leaves no way to find the next frame: the server says why on standard
//! error and stops, as it does at end of input.

use std::io::{BufRead, Read, Write};

use lsp_server::{ErrorCode, Message, RequestId};
use serde_json::Value;

/// One read from the client.
#[derive(Debug)]
pub enum Frame {
    /// A message.
    Message(Message),
    /// A body that is no JSON-RPC message: answered with this error, under the id it had (or
    /// `null`).
    Bad {
        /// The request's id, when the body had one.
        id: Option<RequestId>,
        /// JSON-RPC error code (parse error, invalid request).
        code: i32,
        /// What was wrong.
        message: String,
    },
    /// End of input: the client is gone.
    End,
    /// The stream cannot be read further (why, for standard error).
    Fatal(String),
}

/// Longest header line read (a `Content-Length` or `Content-Type` line is under 100 bytes).
const MAX_HEADER_LINE: u64 = 1024;

/// Most header lines in one frame.
const MAX_HEADERS: usize = 16;

/// Reads one frame from `input`; a body over `max_len` bytes is refused before it is read.
pub fn read(input: &mut dyn BufRead, max_len: u64) -> Frame {
    let mut length: Option<u64> = None;
    for n in 0.. {
        if n > MAX_HEADERS {
            return Frame::Fatal(format!("more than {MAX_HEADERS} header lines in one frame"));
        }
        let mut line = Vec::new();
        match (&mut *input)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
        {
            Ok(0) if n == 0 => return Frame::End,
            Ok(0) => return Frame::Fatal("input ended inside a frame's headers".into()),
            Ok(_) => {}
            Err(e) => return Frame::Fatal(format!("cannot read standard input: {e}")),
        }
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Frame::Fatal(if line.ends_with(b"\n") {
                "a header line ends with a bare LF; LSP headers end with CRLF".into()
            } else {
                format!("a header line is longer than {MAX_HEADER_LINE} bytes or was cut")
            });
        };
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = std::str::from_utf8(line)
            .ok()
            .and_then(|l| l.split_once(':'))
        else {
            return Frame::Fatal(format!(
                "malformed header line {:?}",
                String::from_utf8_lossy(line)
            ));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<u64>() {
                Ok(len) => length = Some(len),
                Err(_) => {
                    return Frame::Fatal(format!(
                        "Content-Length {:?} is not a number",
                        value.trim()
                    ));
                }
            }
        }
    }
    let Some(len) = length else {
        return Frame::Fatal("a frame has no Content-Length header".into());
    };
    if len > max_len {
        return Frame::Fatal(format!(
            "a frame of {len} bytes is over the limit of {max_len} bytes \
             (`max-frame-size` under [server] in tongban.toml)"
        ));
    }
    let mut body = Vec::new();
    match (&mut *input).take(len).read_to_end(&mut body) {
        Ok(n) if n as u64 == len => parse(&body),
        Ok(_) => Frame::Fatal("input ended inside a frame's body".into()),
        Err(e) => Frame::Fatal(format!("cannot read standard input: {e}")),
    }
}

/// A frame's body as a message, or the JSON-RPC error it gets.
fn parse(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Frame::Bad {
                id: None,
                code: ErrorCode::ParseError as i32,
                message: format!("not JSON: {e}"),
            };
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Frame::Message(m),
        Err(e) => Frame::Bad {
            id,
            code: ErrorCode::InvalidRequest as i32,
            message: format!("not a JSON-RPC message: {e}"),
        },
    }
}

/// Writes a JSON-RPC error response whose id may be `null` (which `lsp-server`'s `Response`
/// cannot say).
pub fn write_error(
    out: &mut dyn Write,
    id: Option<&RequestId>,
    code: i32,
    message: &str,
) -> std::io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": message},
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8]) -> Vec<String> {
        let mut input = std::io::BufReader::new(bytes);
        let mut out = Vec::new();
        loop {
            let f = read(&mut input, 1 << 20);
            let stop = matches!(f, Frame::End | Frame::Fatal(_));
            out.push(match f {
                Frame::Message(_) => "message".to_owned(),
                Frame::Bad { code, .. } => format!("bad {code}"),
                Frame::End => "end".into(),
                Frame::Fatal(why) => format!("fatal: {why}"),
            });
            if stop {
                return out;
            }
        }
    }

    fn frame(body: &[u8]) -> Vec<u8> {
        let mut f = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        f.extend_from_slice(body);
        f
    }

    #[test]
    fn bad_bodies_are_answered_and_reading_goes_on() {
        let ok = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        for body in [
            &b"not json"[..],
            b"\xff\xfe{}",
            br#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"\ud800"}}"#,
            br#"[1,2]"#,
            ok,
        ] {
            input.extend(frame(body));
        }
        assert_eq!(
            frames(&input),
            [
                "bad -32700",
                "bad -32700",
                "bad -32700",
                "bad -32600",
                "message",
                "end"
            ]
        );
    }

    #[test]
    fn bad_headers_close_with_a_reason() {
        for (bytes, why) in [
            (&b"Content-Length: abc\r\n\r\n{}"[..], "not a number"),
            (b"Content-Length: 2\n\n{}", "bare LF"),
            (b"Content-Length: 1000000000000\r\n\r\n", "over the limit"),
            (
                b"Content-Length: 18446744073709551615\r\n\r\n",
                "over the limit",
            ),
            (
                b"Content-Length: 99999999999999999999999\r\n\r\n",
                "not a number",
            ),
            (b"Content-Type: x\r\n\r\n{}", "no Content-Length"),
            (b"Content-Length: 10\r\n\r\n{}", "ended inside"),
        ] {
            let got = frames(bytes);
            assert!(got.last().unwrap().contains(why), "{bytes:?}: {got:?}");
        }
    }
}

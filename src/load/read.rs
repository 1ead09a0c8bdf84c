//! Stage 1: path → bytes, within the limits (size, regular file, symlink loops).

use super::*;

pub(super) fn read_bytes(
    path: &Path,
    limits: &Limits,
    lang: Lang,
    regular: bool,
) -> Result<Vec<u8>, Box<Finding>> {
    let io_finding = |e: std::io::Error| {
        let looped = is_symlink_loop(&e);
        let (check, zh, en) = if looped {
            (
                dx::SYMLINK_LOOP,
                "符号链接循环，无法读取",
                "symbolic link loop",
            )
        } else {
            (dx::UNREADABLE, "无法读取文件", "cannot read file")
        };
        Box::new(Finding::new(
            check,
            format!(
                "{}{}{}",
                lang.pick(zh, en),
                lang.pick("：", ": "),
                crate::i18n::io_error(&e, lang)
            ),
            0..0,
        ))
    };
    // Never open what is not a regular file: opening a FIFO blocks.
    let meta = if regular {
        None
    } else {
        Some(fs::metadata(path).map_err(io_finding)?)
    };
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(Box::new(
            Finding::new(
                dx::NOT_A_FILE,
                lang.pick(
                    "不是普通文件（FIFO、套接字或设备），未读取",
                    "not a regular file (FIFO, socket or device); not read",
                ),
                0..0,
            )
            .with_help(lang.pick(
                "只有普通的 .yaml/.yml 文件会被检查",
                "only regular .yaml/.yml files are linted",
            )),
        ));
    }
    let too_large = |size: u64| {
        Box::new(
            Finding::new(
                dx::FILE_TOO_LARGE,
                match lang {
                    Lang::Zh => format!(
                        "文件大小 {size} 字节，超过上限 {} 字节，未检查",
                        limits.max_file_size
                    ),
                    Lang::En => format!(
                        "file is {size} bytes, over the limit of {} bytes; not linted",
                        limits.max_file_size
                    ),
                },
                0..0,
            )
            .with_help(lang.pick(
                "一个办事指南通常只有几 KB；如确需检查，可用 --max-file-size 调高上限",
                "a service guide is a few KB; raise the limit with --max-file-size if needed",
            )),
        )
    };
    let file = fs::File::open(path).map_err(io_finding)?;
    let len = match meta {
        Some(m) => m.len(),
        None => file.metadata().map_err(io_finding)?.len(),
    };
    if len > limits.max_file_size {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_finding)?;
    if bytes.len() as u64 > limits.max_file_size {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether an I/O error means "too many levels of symbolic links".
pub(crate) fn is_symlink_loop(e: &std::io::Error) -> bool {
    // `ErrorKind::FilesystemLoop` is not stable yet; its Debug name is.
    format!("{:?}", e.kind()) == "FilesystemLoop" || is_eloop(e)
}

#[cfg(target_os = "linux")]
pub(super) fn is_eloop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(40)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn is_eloop(_: &std::io::Error) -> bool {
    false
}

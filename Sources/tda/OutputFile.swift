import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A result that could not be written: one line in the user's words
/// ("cannot write out.csv: no space left on device"), exit 1.
struct OutputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Where `--output` goes and how it is written.
///
/// - a new path or a regular file: written to a temporary file in the same
///   folder, then renamed over it (a reader never sees half a file);
/// - a symbolic link: followed, and its target written the same way (the
///   link stays a link);
/// - a device, FIFO or socket (`/dev/null`, `/dev/stdout`, `>(...)`):
///   opened and written in place, never replaced by a regular file;
/// - a folder: refused, saying so.
///
/// Standard output is written with `write(2)`: a full disk or a closed
/// stdout is an `OutputError`, and a broken pipe (`| head`) ends the process
/// quietly, as SIGPIPE always did.
enum OutputFile {
    /// Whether standard output was closed when the process started (`>&-`).
    nonisolated(unsafe) static var standardOutputClosed = false

    /// At start-up: a closed stdin, stdout or stderr gets /dev/null in its
    /// place, so no file opened later takes its number (a result would then
    /// be written into an input); a closed stdout is remembered and refused
    /// when a result is written to it.
    static func guardStandardStreams() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 {
            if fd == STDOUT_FILENO { standardOutputClosed = true }
            let null = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
        }
    }

    static func write(_ data: Data, to path: String?) throws {
        guard let path, path != "-" else {
            if standardOutputClosed { throw OutputError("cannot write standard output: it is closed; give --output FILE") }
            try writeAll(data, fd: STDOUT_FILENO, name: "standard output")
            return
        }
        var resolved = path
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            // Follow the link (a dangling link's target is created).
            guard let target = realpathAllowingMissing(path) else {
                throw OutputError("cannot write \(path): cannot follow the symbolic link")
            }
            resolved = target
        }
        if stat(resolved, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw OutputError("cannot write \(path): it is a folder; give a file name")
            case S_IFREG:
                break
            default:
                // Devices, FIFOs, sockets: write in place.
                let fd = open(resolved, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw OutputError("cannot write \(path): \(reason(errno))") }
                defer { close(fd) }
                try writeAll(data, fd: fd, name: path)
                return
            }
        }
        try replaceAtomically(data, at: resolved, shownAs: path)
    }

    /// Temporary file beside the target, then rename.
    static func replaceAtomically(_ data: Data, at path: String, shownAs name: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw OutputError("cannot write \(name): the folder \(folder) does not exist")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputError("cannot write \(name): \(folder) is not a folder")
        }
        var template = Array("\(folder)/.\(url.lastPathComponent).tda-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputError("cannot write \(name): \(reason(errno))") }
        let temporary = String(cString: template)
        do {
            try writeAll(data, fd: fd, name: name)
            // Keep an existing file's permissions; a new one gets 0666 & ~umask.
            if stat(path, &info) == 0 {
                fchmod(fd, info.st_mode & 0o7777)
            } else {
                let mask = umask(0); umask(mask)
                fchmod(fd, 0o666 & ~mask)
            }
            guard close(fd) == 0 else { throw OutputError("cannot write \(name): \(reason(errno))") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let e = errno
            unlink(temporary)
            throw OutputError("cannot write \(name): \(reason(e))")
        }
    }

    /// Every byte to `fd`, retrying short writes and EINTR.
    static func writeAll(_ data: Data, fd: Int32, name: String) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = Glibc.write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { exit(141) }  // a reader went away (`| head`): quiet, as SIGPIPE
                    throw OutputError("cannot write \(name): \(reason(errno))")
                }
                p += n
                left -= n
            }
        }
    }

    /// The target of a symbolic link, even when it does not exist yet.
    static func realpathAllowingMissing(_ path: String) -> String? {
        if let r = realpath(path, nil) { defer { free(r) }; return String(cString: r) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(target).path
    }

    /// errno in words: "no space left on device".
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on device"
        case EDQUOT: return "disk quota exceeded"
        case EBADF: return "it is closed"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "read-only file system"
        case EISDIR: return "it is a folder"
        case ENOENT: return "no such file or folder"
        case ENOTDIR: return "a part of the path is not a folder"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}

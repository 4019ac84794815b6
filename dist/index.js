import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  MAX_KEY,
  MAX_METRIC,
  UsageError,
  assertionsTable,
  byImportance,
  cached,
  commentMarker,
  comparePool,
  decide,
  details,
  fitRows,
  formatCi,
  formatGateSpec,
  formatNumber,
  formatP,
  formatPercent,
  formatRowDelta,
  formatSpread,
  headline,
  htmlText,
  isUsageError,
  labelOf,
  loadPolicy,
  loadRegistry,
  markdownTable,
  mdText,
  mermaidChart,
  movesTable,
  noticesBlock,
  omittedLine,
  openRowsSection,
  overview,
  parseMustFail,
  plural,
  provenance,
  renderComment,
  renderJson,
  renderTerminal,
  resolveBaseline,
  restTable,
  restorableRuns,
  rowOrder,
  splitShown,
  stripPlots,
  terminalText
} from "./chunks/chunk-OTWXDIOS.js";
import {
  external_exports,
  readPool,
  runsAvailable
} from "./chunks/chunk-X7WWNOCN.js";
import "./chunks/chunk-KINQAKU4.js";
import {
  debug,
  error,
  getExecOutput,
  getInput,
  getOctokit,
  info,
  notice,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunks/chunk-HGRX2HN6.js";
import "./chunks/chunk-T7HIMGJ3.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunks/chunk-KRRRK5UV.js";

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self) {
      self.pending += 1;
      var called = false;
      return onCb;
      function onCb(err) {
        if (called) throw new Error("callback called twice");
        called = true;
        self.error = self.error || err;
        self.pending -= 1;
        if (self.waiting.length > 0 && self.pending < self.max) {
          pendGo(self, self.waiting.shift());
        } else if (self.pending === 0) {
          var listeners = self.listeners;
          self.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self.error);
      }
    }
    function pendGo(self, fn) {
      fn(pendHold(self));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable = stream.Readable;
    var PassThrough = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter);
    function FdSlicer(fd) {
      EventEmitter.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      var self = this;
      self.pend.go(function(cb) {
        fs.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer2) {
          cb();
          callback(err, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount < 0) throw new Error("invalid unref");
      if (self.refCount > 0) return;
      fs.close(self.fd, onCloseDone);
      function onCloseDone(err) {
        if (err) {
          self.emit("error", err);
        } else {
          self.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n) {
      var self = this;
      var toRead = Math.min(self._readableState.highWaterMark, n);
      if (self.endOffset != null) {
        toRead = Math.min(toRead, self.endOffset - self.pos);
      }
      if (toRead <= 0) {
        self.push(null);
        this._cleanup();
        return;
      }
      self.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
          if (err) {
            self.destroy(err);
          } else if (bytesRead === 0) {
            self.push(null);
            self._cleanup();
          } else {
            self.pos += bytesRead;
            self.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err, cb) {
      this._cleanup();
      cb(err);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter);
    function BufferSlicer(buffer) {
      EventEmitter.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position < 0) throw new RangeError("position is negative: " + position);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position + length > this.buffer.length) {
        length = this.buffer.length - position;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position, position + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc32(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc32;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs = __require("fs");
    var zlib = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter = __require("events").EventEmitter;
    var Transform = __require("stream").Transform;
    var PassThrough = __require("stream").PassThrough;
    var Writable = __require("stream").Writable;
    var crc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : require_crc32();
    exports.open = open2;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise(path4, options2) {
      return new Promise((resolve2, reject) => {
        open2(path4, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve2, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function fromBufferPromise(buffer, options2) {
      return new Promise((resolve2, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve2, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function open2(path4, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.open(path4, "r", function(err, fd) {
        if (err) return callback(err);
        fromFd(fd, options2, function(err2, zipfile) {
          if (err2) fs.close(fd, defaultCallback);
          callback(err2, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.fstat(fd, function(err, stats) {
        if (err) return callback(err);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
        if (err) return callback(err);
        for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
          if (buffer.readUInt32LE(i) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK\u263A\u263B` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err2) {
              if (err2) return callback(err2);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self = this;
      EventEmitter.call(self);
      self.reader = reader;
      self.reader.on("error", function(err) {
        emitError(self, err);
      });
      self.reader.once("close", function() {
        self.emit("close");
      });
      self.readEntryCursor = centralDirectoryOffset;
      self.fileSize = fileSize;
      self.entryCount = entryCount;
      self.comment = comment;
      self.entriesRead = 0;
      self.autoClose = !!autoClose;
      self.lazyEntries = !!lazyEntries;
      self.decodeStrings = !!decodeStrings;
      self.validateEntrySizes = !!validateEntrySizes;
      self.strictFileNames = !!strictFileNames;
      self.isOpen = true;
      self.emittedError = false;
      self.hasEachEntryBeenCalled = false;
      if (!self.lazyEntries) self._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self, err) {
      if (self.autoClose) self.close();
      emitError(self, err);
    }
    function emitError(self, err) {
      if (self.emittedError) return;
      self.emittedError = true;
      self.emit("error", err);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self = this;
      if (self.entryCount === self.entriesRead) {
        setImmediate(function() {
          if (self.autoClose) self.close();
          if (self.emittedError) return;
          self.emit("end");
        });
        return;
      }
      if (self.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
        if (err) return emitErrorAndAutoClose(self, err);
        if (self.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));
        self.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err2) {
          if (err2) return emitErrorAndAutoClose(self, err2);
          if (self.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err3) {
            return emitErrorAndAutoClose(self, err3);
          }
          if (self.decodeStrings) {
            var isUtf8 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf8);
            entry.fileName = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
            var errorMessage = validateFileName(entry.fileName);
            if (errorMessage != null) return emitErrorAndAutoClose(self, new Error(errorMessage));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self.readEntryCursor += buffer.length;
          self.entriesRead += 1;
          for (var i = 0; i < entry.extraFields.length; i++) {
            var extraField = entry.extraFields[i];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self, new Error(msg));
            }
          }
          self.emit("entry", entry);
          if (!self.lazyEntries) self._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self = this;
      if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self.on("entry", onEntry);
      self.on("end", onEnd);
      self.on("error", onError);
      function cleanup() {
        self.removeListener("entry", onEntry);
        self.removeListener("end", onEnd);
        self.removeListener("error", onError);
        if (self.autoClose) self.close();
      }
      function onEntry(entry) {
        let { resolve: resolve2 } = pendingResolveReject;
        pendingResolveReject = null;
        resolve2({ value: entry });
      }
      function onEnd() {
        let { resolve: resolve2 } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve2({ done: true });
      }
      function onError(err) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve2, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve: resolve2, reject };
          });
          self.readEntry();
          return promise;
        },
        return(value) {
          cleanup();
          return Promise.resolve({ done: true, value });
        },
        throw(value) {
          cleanup();
          return Promise.reject(value);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self.readLocalFileHeader(entry, { minimal: true }, function(err, localFileHeader) {
        if (err) return callback(err);
        self.openReadStreamLowLevel(
          localFileHeader.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib.createInflateRaw();
        readStream.on("error", function(err) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err);
          });
        });
        readStream.pipe(inflateFilter);
        if (self.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
        try {
          if (err) return callback(err);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader = new LocalFileHeader();
          localFileHeader.fileDataStart = fileDataStart;
          localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader.crc32 = buffer.readUInt32LE(14);
          localFileHeader.compressedSize = buffer.readUInt32LE(18);
          localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader.fileNameLength = fileNameLength;
          localFileHeader.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self.reader.ref();
          readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err2) {
            try {
              if (err2) return callback(err2);
              localFileHeader.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader);
            } finally {
              self.reader.unref();
            }
          });
        } finally {
          self.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve2, reject) => {
        this.openReadStream(entry, options2, function(err, readStream) {
          if (err) return reject(err);
          resolve2(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve2, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
          if (err) return reject(err);
          resolve2(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve2, reject) => {
        this.readLocalFileHeader(entry, options2, function(err, localFileHeader) {
          if (err) return reject(err);
          resolve2(localFileHeader);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i = 0; i < this.extraFields.length; i++) {
          var extraField = this.extraFields[i];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags = data[0];
            var HAS_MTIME = 1;
            if (!(flags & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date, time, timezone) {
      var day = date & 31;
      var month = (date >> 5 & 15) - 1;
      var year = (date >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time & 31) * 2;
      var minute = time >> 5 & 63;
      var hour = time >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i = 0; i < extraFields.length; i++) {
        var extraField = extraFields[i];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc32(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf8 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf8);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i = 0;
      while (i < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
        var dataStart = i + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position, function(err, bytesRead) {
        if (err) return callback(err);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform);
    function AssertByteCountStream(byteCount) {
      Transform.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter);
    function RandomAccessReader() {
      EventEmitter.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount > 0) return;
      if (self.refCount < 0) throw new Error("invalid unref");
      self.close(onCloseDone);
      function onCloseDone(err) {
        if (err) return self.emit("error", err);
        self.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
      var readStream = this.createReadStream({ start: position, end: position + length });
      var writeStream = new Writable();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error2) {
        callback(error2);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough);
    function RefUnrefFilter(context) {
      PassThrough.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C\u25BA\u25C4\u2195\u203C\xB6\xA7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2302\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
    function decodeBuffer(buffer, isUtf8) {
      if (isUtf8) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i = 0; i < buffer.length; i++) {
          result += cp437[buffer[i]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err, cb) {
          fn();
          if (cb != null) cb(err);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err) {
      if (err) throw err;
    }
  }
});

// src/action/log.ts
import { randomUUID } from "node:crypto";
var coreLog = {
  info: (l) => info(l),
  debug: (l) => debug(l),
  notice: (l) => notice(l),
  warning: (l) => warning(l),
  error: (l, props) => error(l, props),
  async inert(fn) {
    const token = randomUUID();
    info(`::stop-commands::${token}`);
    try {
      return await fn();
    } finally {
      info(`::${token}::`);
    }
  }
};

// src/action/main.ts
import { readFileSync } from "node:fs";
import { mkdir as mkdir5 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import path3 from "node:path";

// src/github/retry.ts
var DEFAULT_RETRY_POLICY = {
  maxAttempts: 5,
  baseDelayMs: 1e3,
  maxDelayMs: 6e4,
  maxTotalWaitMs: 18e4,
  sleep: (ms) => new Promise((resolve2) => setTimeout(resolve2, ms)),
  random: Math.random,
  now: Date.now,
  log: () => {
  }
};
var GitHubApiError = class extends Error {
  constructor(message, operation, status, kind, attempts, githubMessage, options2) {
    super(message, options2);
    this.operation = operation;
    this.status = status;
    this.kind = kind;
    this.attempts = attempts;
    this.githubMessage = githubMessage;
    this.name = "GitHubApiError";
  }
  operation;
  status;
  kind;
  attempts;
  githubMessage;
};
function githubMessageOf(err) {
  const data = err?.response?.data;
  const raw = data && typeof data === "object" && typeof data.message === "string" ? data.message : void 0;
  if (raw === void 0) return void 0;
  return oneLine(raw).slice(0, 200);
}
function oneLine(s) {
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}
function header(err, name) {
  const v = err.response?.headers?.[name];
  return v === void 0 ? void 0 : String(v);
}
function decideRetry(err, attempt, policy) {
  const e = err ?? {};
  const status = typeof e.status === "number" ? e.status : void 0;
  const backoff = Math.round(
    policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  );
  if (e.name === "AbortError") return { kind: "aborted", retry: false, waitMs: 0, hintMs: void 0 };
  const retryAfter = header(e, "retry-after");
  const retryAfterMs = retryAfter !== void 0 && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) * 1e3 : void 0;
  if (!e.response) {
    return { kind: "network", retry: true, waitMs: backoff, hintMs: void 0 };
  }
  const message = githubMessageOf(err) ?? "";
  if (status === 403 || status === 429) {
    if (header(e, "x-ratelimit-remaining") === "0") {
      const reset = Number(header(e, "x-ratelimit-reset"));
      const hint = Number.isFinite(reset) && reset > 0 ? Math.max(reset * 1e3 - policy.now(), 0) + 1e3 : void 0;
      return {
        kind: "rate-limit",
        retry: true,
        waitMs: hint ?? retryAfterMs ?? 6e4,
        hintMs: hint ?? retryAfterMs
      };
    }
    if (retryAfterMs !== void 0 || /secondary rate limit/i.test(message) || status === 429) {
      const hint = retryAfterMs ?? (/secondary rate limit/i.test(message) ? 6e4 : void 0);
      return {
        kind: "secondary-rate-limit",
        retry: true,
        waitMs: Math.max(hint ?? 0, backoff),
        hintMs: hint
      };
    }
    return { kind: "forbidden", retry: false, waitMs: 0, hintMs: void 0 };
  }
  if (status !== void 0 && status >= 500 && status !== 501) {
    return { kind: "server", retry: true, waitMs: Math.max(retryAfterMs ?? 0, backoff), hintMs: retryAfterMs };
  }
  if (status === 404 || status === 410)
    return { kind: "not-found", retry: false, waitMs: 0, hintMs: void 0 };
  return { kind: "client", retry: false, waitMs: 0, hintMs: void 0 };
}
var ADVICE = {
  server: "GitHub is failing on its side; re-run the job later (see githubstatus.com)",
  network: "check the runner can reach the GitHub API (proxy, DNS, firewall) and re-run",
  "rate-limit": "re-run after the rate limit resets, or use a token with a higher limit",
  "secondary-rate-limit": "too many requests in a short time; re-run later and avoid parallel jobs writing to the same PR",
  forbidden: "give the workflow token the permission this call needs (see the `permissions:` block)",
  "not-found": "check the repository, number or id, and that the token can see it",
  client: "this request was rejected as invalid; please report it as a ktstr-perf-gate bug",
  aborted: "the request was cancelled"
};
function describe(method, url) {
  const path4 = /^https?:\/\//.test(url) ? new URL(url).pathname : url.split("?")[0];
  return `${method} ${path4}`;
}
function toGitHubApiError(err, operation, attempts, decision, why) {
  const e = err ?? {};
  const status = e.response ? e.status : void 0;
  const gh = e.response ? githubMessageOf(err) : oneLine(e.message ?? "network error").slice(0, 200);
  const what = status !== void 0 ? `HTTP ${status}` : "no response";
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  const detail = [gh ? `"${gh}"` : void 0, why].filter(Boolean).join("; ");
  const msg = `GitHub API ${operation} failed with ${what}${tries}${detail ? ` (${detail})` : ""} \u2014 ${ADVICE[decision.kind]}`;
  return new GitHubApiError(msg, operation, status, decision.kind, attempts, gh, { cause: err });
}
function retryPlugin(policy = {}) {
  const p = { ...DEFAULT_RETRY_POLICY, ...policy };
  return (octokit) => {
    octokit.hook.wrap("request", async (request, options2) => {
      const operation = describe(String(options2.method ?? "GET"), String(options2.url ?? ""));
      let waited = 0;
      for (let attempt = 1; ; attempt++) {
        try {
          return await request(options2);
        } catch (err) {
          if (err instanceof GitHubApiError) throw err;
          const d = decideRetry(err, attempt, p);
          if (!d.retry) throw toGitHubApiError(err, operation, attempt, d);
          if (attempt >= p.maxAttempts) throw toGitHubApiError(err, operation, attempt, d);
          if (waited + d.waitMs > p.maxTotalWaitMs) {
            const secs = Math.ceil(d.waitMs / 1e3);
            throw toGitHubApiError(
              err,
              operation,
              attempt,
              d,
              `server asks to wait ${secs} s, over the retry budget`
            );
          }
          const status = err.response ? `HTTP ${String(err.status)}` : "network error";
          p.log(
            `GitHub API ${operation}: ${status} (${d.kind}), attempt ${attempt}/${p.maxAttempts}; retrying in ${Math.ceil(d.waitMs / 1e3)} s`
          );
          waited += d.waitMs;
          await p.sleep(d.waitMs);
        }
      }
    });
  };
}
function createGitHubClient(opts) {
  const options2 = {
    baseUrl: (opts.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: opts.userAgent ?? "ktstr-perf-gate",
    // Octokit logs 4xx/5xx warnings on its own; our hook reports what matters in one line.
    log: { debug: () => {
    }, info: () => {
    }, warn: () => {
    }, error: () => {
    } }
  };
  if (opts.fetch) options2.request = { fetch: opts.fetch };
  return getOctokit(opts.token, options2, retryPlugin(opts.retry));
}

// src/github/comment.ts
var MAX_COMMENT_CHARS = 65536;
var MAX_PAGES = 100;
function expectedAuthorType(login) {
  return login.endsWith("[bot]") ? "Bot" : "User";
}
function validateMarker(marker) {
  if (!/^<!-- [^\r\n]*? -->$/.test(marker) || marker.slice(4, -3).includes("--")) {
    throw new Error(
      `comment marker ${JSON.stringify(marker.slice(0, 80))} is not a one-line HTML comment "<!-- \u2026 -->" without "--" inside \u2014 pass the marker the reports module produces`
    );
  }
}
function normalize(body) {
  return body.replace(/\r\n/g, "\n").replace(/\s+$/, "");
}
function withMarker(body, marker) {
  return body.includes(marker) ? body : `${body.replace(/\s+$/, "")}

${marker}
`;
}
function isReadOnlyTokenError(err) {
  if (!(err instanceof GitHubApiError)) return false;
  return err.status === 403 && /resource not accessible by integration/i.test(err.githubMessage ?? "");
}
async function findStickyComments(octokit, where, marker, authorLogin = "github-actions[bot]") {
  const type = expectedAuthorType(authorLogin);
  const found = [];
  let pages = 0;
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100
  });
  for await (const page of iterator) {
    if (++pages > MAX_PAGES) {
      throw new Error(
        `PR #${where.issueNumber} has over ${MAX_PAGES * 100} comments; stopped looking for the sticky comment \u2014 delete old bot comments or use comment: never`
      );
    }
    for (const c of page.data) {
      if (c.user?.login === authorLogin && c.user.type === type && (c.body ?? "").includes(marker)) {
        found.push({ id: c.id, body: c.body ?? "", html_url: c.html_url, user: c.user });
      }
    }
  }
  return found.sort((a, b) => a.id - b.id);
}
async function upsertComment(o) {
  if (!["always", "on-change", "never"].includes(o.mode)) {
    throw new Error(
      `comment mode ${JSON.stringify(String(o.mode).slice(0, 40))} is not always, on-change or never \u2014 fix the \`comment\` input`
    );
  }
  if (o.mode === "never") return { action: "skipped", reason: "mode-never" };
  validateMarker(o.marker);
  const body = withMarker(o.body, o.marker);
  if (body.length > MAX_COMMENT_CHARS) {
    throw new Error(
      `comment body for PR #${o.issueNumber} is ${body.length} characters, over GitHub's ${MAX_COMMENT_CHARS} \u2014 the report must truncate rows before posting`
    );
  }
  const where = { owner: o.owner, repo: o.repo, issueNumber: o.issueNumber };
  const author = o.authorLogin ?? "github-actions[bot]";
  try {
    const mine = await findStickyComments(o.octokit, where, o.marker, author);
    const [keep, ...extra] = mine;
    const deleted = await deleteComments(
      o.octokit,
      where,
      extra.map((c) => c.id)
    );
    if (keep) {
      if (o.mode === "on-change" && normalize(keep.body) === normalize(body)) {
        return { action: "unchanged", commentId: keep.id, url: keep.html_url, deletedDuplicates: deleted };
      }
      const { data: data2 } = await o.octokit.rest.issues.updateComment({
        owner: o.owner,
        repo: o.repo,
        comment_id: keep.id,
        body
      });
      return { action: "updated", commentId: data2.id, url: data2.html_url, deletedDuplicates: deleted };
    }
    if (o.mode === "on-change" && o.hasNews === false) return { action: "skipped", reason: "nothing-to-say" };
    const { data } = await o.octokit.rest.issues.createComment({
      owner: o.owner,
      repo: o.repo,
      issue_number: o.issueNumber,
      body
    });
    const after = await findStickyComments(o.octokit, where, o.marker, author);
    const oldest = after[0];
    if (oldest && oldest.id !== data.id) {
      const gone2 = await deleteComments(
        o.octokit,
        where,
        after.slice(1).map((c) => c.id)
      );
      const { data: upd } = await o.octokit.rest.issues.updateComment({
        owner: o.owner,
        repo: o.repo,
        comment_id: oldest.id,
        body
      });
      return {
        action: "updated",
        commentId: upd.id,
        url: upd.html_url,
        deletedDuplicates: [...deleted, ...gone2]
      };
    }
    const gone = await deleteComments(
      o.octokit,
      where,
      after.slice(1).map((c) => c.id)
    );
    return {
      action: "created",
      commentId: data.id,
      url: data.html_url,
      deletedDuplicates: [...deleted, ...gone]
    };
  } catch (err) {
    if (isReadOnlyTokenError(err)) {
      return {
        action: "forbidden",
        notice: `Not commenting on PR #${o.issueNumber}: the token is read-only here (a pull request from a fork) \u2014 the verdict is in the job summary and the report artifact; the workflow_run comment workflow posts it`
      };
    }
    throw err;
  }
}
async function deleteComments(octokit, where, ids) {
  const deleted = [];
  for (const id of ids) {
    try {
      await octokit.rest.issues.deleteComment({ owner: where.owner, repo: where.repo, comment_id: id });
      deleted.push(id);
    } catch (err) {
      if (!(err instanceof GitHubApiError && err.status === 404)) throw err;
    }
  }
  return deleted;
}

// src/github/artifacts.ts
import { lstat, mkdir as mkdir2, mkdtemp, readFile, readdir as readdir2, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2, relative } from "node:path";

// src/github/extract.ts
var import_yauzl = __toESM(require_yauzl(), 1);
import { mkdir, open, rm, readdir } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
var DEFAULT_EXTRACT_LIMITS = {
  maxEntries: 2e4,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxPathLength: 512
};
var UnsafeArchiveError = class extends Error {
  constructor(message, options2) {
    super(message, options2);
    this.name = "UnsafeArchiveError";
  }
};
var S_IFMT = 61440;
var S_IFREG = 32768;
var S_IFDIR = 16384;
function shown(name) {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}\u2026` : name);
}
function unsafePathReason(name, maxLength = DEFAULT_EXTRACT_LIMITS.maxPathLength) {
  const trimmed = name.endsWith("/") ? name.slice(0, -1) : name;
  if (trimmed.length === 0) return "empty path";
  if (trimmed.length > maxLength) return `path longer than ${maxLength} characters`;
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return "control character in path";
  if (trimmed.includes("\\")) return "backslash in path";
  if (trimmed.startsWith("/") || /^[A-Za-z]:/.test(trimmed)) return "absolute path";
  for (const seg of trimmed.split("/")) {
    if (seg === "..") return "path escapes the target directory (..)";
    if (seg === "" || seg === ".") return 'empty or "." path segment';
  }
  return void 0;
}
function openZip(file) {
  return new Promise((resolvePromise, reject) => {
    import_yauzl.default.open(
      file,
      {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        validateEntrySizes: true,
        strictFileNames: true
      },
      (err, zip) => err ? reject(err) : resolvePromise(zip)
    );
  });
}
async function readEntries(zip) {
  return new Promise((resolvePromise, reject) => {
    const out = [];
    zip.on("entry", (e) => {
      out.push(e);
      zip.readEntry();
    });
    zip.on("end", () => resolvePromise(out));
    zip.on("error", reject);
    zip.readEntry();
  });
}
function openStream(zip, entry) {
  return new Promise((resolvePromise, reject) => {
    zip.openReadStream(entry, (err, stream) => err ? reject(err) : resolvePromise(stream));
  });
}
function plan(entries, limits, label) {
  const seen = /* @__PURE__ */ new Set();
  const dirs = /* @__PURE__ */ new Set();
  const files = /* @__PURE__ */ new Set();
  const planned = [];
  let declared = 0;
  for (const entry of entries) {
    const name = entry.fileName;
    const reason = unsafePathReason(name, limits.maxPathLength);
    if (reason) throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: ${reason}`);
    const madeBy = entry.versionMadeBy >> 8;
    const mode2 = entry.externalFileAttributes >>> 16 & S_IFMT;
    const isDir = name.endsWith("/");
    if (madeBy === 3 && mode2 !== 0) {
      if (mode2 === 40960)
        throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: symbolic link`);
      if (mode2 !== (isDir ? S_IFDIR : S_IFREG)) {
        throw new UnsafeArchiveError(
          `${label}: entry ${shown(name)} rejected: not a regular file or directory`
        );
      }
    }
    if (entry.isEncrypted())
      throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: encrypted`);
    const path4 = isDir ? name.slice(0, -1) : name;
    const key = path4.toLowerCase();
    if (seen.has(key)) throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: duplicate path`);
    seen.add(key);
    const parts = path4.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/").toLowerCase();
      if (files.has(parent))
        throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: parent is a file`);
      dirs.add(parent);
    }
    if (isDir) dirs.add(key);
    else {
      if (dirs.has(key))
        throw new UnsafeArchiveError(`${label}: entry ${shown(name)} rejected: also a directory`);
      files.add(key);
      if (entry.uncompressedSize > limits.maxFileBytes) {
        throw new UnsafeArchiveError(
          `${label}: entry ${shown(name)} rejected: ${entry.uncompressedSize} bytes, over the ${limits.maxFileBytes}-byte file cap`
        );
      }
      declared += entry.uncompressedSize;
    }
    planned.push({ entry, path: path4, isDir });
  }
  if (declared > limits.maxTotalBytes) {
    throw new UnsafeArchiveError(
      `${label}: ${declared} bytes uncompressed, over the ${limits.maxTotalBytes}-byte cap`
    );
  }
  return planned;
}
async function extractZipSafely(zipFile, targetDir, limits = DEFAULT_EXTRACT_LIMITS, label = "artifact") {
  await mkdir(targetDir, { recursive: true });
  if ((await readdir(targetDir)).length > 0) {
    throw new Error(`${label}: extraction target ${targetDir} is not empty \u2014 pass a fresh directory`);
  }
  let zip;
  try {
    zip = await openZip(zipFile);
  } catch (err) {
    throw new UnsafeArchiveError(`${label}: not a readable zip (${err.message.slice(0, 160)})`, {
      cause: err
    });
  }
  const root = resolve(targetDir);
  const written = [];
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UnsafeArchiveError(
        `${label}: ${zip.entryCount} entries, over the ${limits.maxEntries}-entry cap`
      );
    }
    let entries;
    try {
      entries = await readEntries(zip);
    } catch (err) {
      throw new UnsafeArchiveError(
        `${label}: rejected by the zip reader: ${err.message.slice(0, 160)}`,
        {
          cause: err
        }
      );
    }
    const planned = plan(entries, limits, label);
    let total = 0;
    for (const p of planned) {
      const dest = resolve(root, ...p.path.split("/"));
      if (!dest.startsWith(root + sep)) {
        throw new UnsafeArchiveError(`${label}: entry ${shown(p.path)} rejected: resolves outside the target`);
      }
      if (p.isDir) {
        await mkdir(dest, { recursive: true });
        continue;
      }
      await mkdir(dirname(dest), { recursive: true });
      const handle = await open(dest, "wx", 420);
      written.push(p.path);
      let fileBytes = 0;
      try {
        const stream = await openStream(zip, p.entry);
        for await (const chunk of stream) {
          const buf = chunk;
          fileBytes += buf.length;
          total += buf.length;
          if (fileBytes > limits.maxFileBytes || total > limits.maxTotalBytes) {
            stream.destroy();
            throw new UnsafeArchiveError(`${label}: entry ${shown(p.path)} inflates past the size cap`);
          }
          await handle.write(buf);
        }
      } catch (err) {
        if (err instanceof UnsafeArchiveError) throw err;
        throw new UnsafeArchiveError(
          `${label}: entry ${shown(p.path)} is corrupt: ${err.message.slice(0, 160)}`,
          {
            cause: err
          }
        );
      } finally {
        await handle.close();
      }
    }
    return written;
  } catch (err) {
    const left = await readdir(root);
    await Promise.all(left.map((n) => rm(join(root, n), { recursive: true, force: true })));
    throw err;
  } finally {
    zip.close();
  }
}

// src/github/artifacts.ts
var NAME_UNSAFE = /[^A-Za-z0-9._+-]+/g;
var MAX_NAME_PART = 80;
function namePart(value, what) {
  const cleaned = value.replace(NAME_UNSAFE, "_").replace(/^[._]+|[._]+$/g, "").slice(0, MAX_NAME_PART);
  if (!cleaned) {
    throw new Error(
      `${what} ${JSON.stringify(value.slice(0, 80))} has nothing usable in an artifact name \u2014 pass a kernel/host class made of letters, digits, ".", "_", "+" or "-"`
    );
  }
  return cleaned;
}
function sidecarArtifactName(kernel, commit, hostClass) {
  if (!/^[0-9a-fA-F]{7,40}$/.test(commit)) {
    throw new Error(
      `commit ${JSON.stringify(commit.slice(0, 50))} is not a hex SHA (7\u201340 characters) \u2014 pass the resolved commit`
    );
  }
  return `ktstr-sidecars-${namePart(kernel, "kernel")}-${commit.slice(0, 7).toLowerCase()}-${namePart(hostClass, "host class")}`;
}
var CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
function firstLine(err) {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split("\n")[0] ?? "").replace(CONTROL_CHARS, " ").trim().slice(0, 240);
}
async function listFiles(dir, cap = DEFAULT_EXTRACT_LIMITS.maxEntries) {
  const out = [];
  const walk = async (d) => {
    for (const ent of await readdir2(d, { withFileTypes: true })) {
      const p = join2(d, ent.name);
      if (ent.isDirectory()) await walk(p);
      else if (ent.isFile()) out.push(p);
      else
        throw new Error(
          `${relative(dir, p)} in ${dir} is not a regular file (symlink or special) \u2014 pools contain plain files only`
        );
      if (out.length > cap)
        throw new Error(`${dir} has over ${cap} files \u2014 upload one pool subtree, not a whole tree`);
    }
  };
  await walk(dir);
  return out.sort();
}
async function uploadDirectory(opts) {
  const st = await lstat(opts.dir).catch(() => void 0);
  if (!st?.isDirectory())
    throw new Error(`artifact ${opts.name}: ${opts.dir} is not a directory \u2014 nothing to upload`);
  const files = await listFiles(opts.dir);
  if (files.length === 0)
    throw new Error(`artifact ${opts.name}: ${opts.dir} has no files \u2014 nothing to upload`);
  let res;
  try {
    res = await opts.client.uploadArtifact(opts.name, files, opts.dir, {
      ...opts.retentionDays !== void 0 ? { retentionDays: opts.retentionDays } : {}
    });
  } catch (err) {
    const msg = firstLine(err);
    const advice = /already exists|\(409\)/i.test(msg) ? "artifacts are immutable: one name per run (add the shard/host class to the name)" : /GHES|not currently supported/i.test(msg) ? "artifacts v4 are not available on GitHub Enterprise Server; use a pool directory or the host cache" : "run inside a GitHub Actions job (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) and re-run it";
    throw new Error(`artifact ${opts.name}: upload failed: ${msg} \u2014 ${advice}`, { cause: err });
  }
  if (res.id === void 0)
    throw new Error(`artifact ${opts.name}: the artifact service returned no id \u2014 re-run the job`);
  return { id: res.id, name: opts.name, size: res.size, digest: res.digest };
}
function untrustedRun(run2, trust) {
  const from = run2.head_repository?.full_name;
  const same = (a, b) => a?.toLowerCase() === b.toLowerCase();
  if (same(from, trust.repository)) {
    if (run2.event === "pull_request" || run2.event === "workflow_dispatch") return null;
    if (run2.event === "push" && run2.head_branch === trust.defaultBranch) return null;
    return `a ${run2.event} run${run2.head_branch ? ` of ${run2.head_branch}` : ""} (trusted: push to ${trust.defaultBranch}, pull_request from this repository, workflow_dispatch)`;
  }
  const fork = trust.forkHead;
  if (fork && run2.event === "pull_request" && same(from, fork.repository) && run2.head_branch === fork.branch)
    return null;
  return `a run of ${from ?? "a deleted repository"} (a fork's runs serve only that pull request's own HEAD)`;
}
async function findArtifactsForCommit(opts) {
  if (!/^[0-9a-f]{40}$/.test(opts.headSha)) {
    throw new Error(
      `head SHA ${JSON.stringify(opts.headSha.slice(0, 50))} is not a full 40-hex commit \u2014 resolve the commit before looking up artifacts`
    );
  }
  const perPage = Math.min(Math.max(opts.maxRuns ?? 20, 1), 100);
  const conclusions = opts.conclusions ?? ["success"];
  const onlySuccess = conclusions.length === 1 && conclusions[0] === "success";
  const { data } = await opts.octokit.rest.actions.listWorkflowRunsForRepo({
    owner: opts.owner,
    repo: opts.repo,
    head_sha: opts.headSha,
    status: onlySuccess ? "success" : "completed",
    per_page: perPage
  });
  const runs = data.workflow_runs.filter((r) => r.head_sha === opts.headSha && conclusions.includes(r.conclusion ?? "")).filter((r) => {
    const why = opts.trust ? untrustedRun(r, opts.trust) : null;
    if (why) opts.log?.(`not restoring from run ${r.id}: ${why}`);
    return !why;
  }).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  const found = [];
  for (const run2 of runs) {
    const { data: arts } = await opts.octokit.rest.actions.listWorkflowRunArtifacts({
      owner: opts.owner,
      repo: opts.repo,
      run_id: run2.id,
      name: opts.name,
      per_page: 100
    });
    const usable = arts.artifacts.filter((a) => a.name === opts.name && !a.expired).sort((a, b) => b.id - a.id).map((a) => ({
      runId: run2.id,
      runCreatedAt: run2.created_at,
      headSha: run2.head_sha,
      artifactId: a.id,
      name: a.name,
      sizeInBytes: a.size_in_bytes,
      digest: a.digest ?? void 0
    }));
    found.push(...usable);
  }
  return found;
}
function clientFindBy(f) {
  return { token: f.token, workflowRunId: f.runId, repositoryOwner: f.owner, repositoryName: f.repo };
}
async function downloadArtifactSafely(opts) {
  const limits = { ...DEFAULT_EXTRACT_LIMITS, ...opts.limits };
  const maxArchive = opts.limits?.maxArchiveBytes ?? limits.maxTotalBytes;
  const label = `artifact ${opts.name} (id ${opts.artifactId}, run ${opts.findBy.runId})`;
  const scratch = await mkdtemp(join2(tmpdir(), "ktstr-artifact-"));
  try {
    let res;
    try {
      res = await opts.client.downloadArtifact(opts.artifactId, {
        path: scratch,
        skipDecompress: true,
        ...opts.expectedDigest ? { expectedHash: opts.expectedDigest } : {},
        findBy: clientFindBy(opts.findBy)
      });
    } catch (err) {
      throw new Error(
        `${label}: download failed: ${firstLine(err)} \u2014 the token needs \`actions: read\`; an expired or deleted artifact cannot be fetched`,
        { cause: err }
      );
    }
    if (res.digestMismatch) {
      throw new Error(
        `${label}: downloaded content does not match its SHA-256 digest \u2014 the artifact is corrupt or was replaced; re-run the producing job`
      );
    }
    const entries = await readdir2(scratch, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile());
    if (entries.length !== 1 || files.length !== 1) {
      throw new Error(
        `${label}: expected one archive from the download, got ${entries.length} entries \u2014 re-run the job`
      );
    }
    const archive = join2(scratch, files[0].name);
    const st = await lstat(archive);
    if (st.size > maxArchive)
      throw new Error(`${label}: archive is ${st.size} bytes, over the ${maxArchive}-byte cap`);
    return await extractZipSafely(archive, opts.targetDir, limits, label);
  } finally {
    await rm2(scratch, { recursive: true, force: true });
  }
}
async function restoreArtifact(opts) {
  const existed = await lstat(opts.targetDir).then(
    () => true,
    () => false
  );
  await mkdir2(opts.targetDir, { recursive: true });
  if ((await readdir2(opts.targetDir)).length > 0) {
    throw new Error(
      `restoring artifact ${opts.name}: ${opts.targetDir} is not empty \u2014 pass a fresh directory for the restored pool subtree`
    );
  }
  const clear = async () => {
    for (const entry of await readdir2(opts.targetDir)) {
      await rm2(join2(opts.targetDir, entry), { recursive: true, force: true });
    }
  };
  const candidates = await findArtifactsForCommit(opts);
  for (const artifact of candidates) {
    const files = await downloadArtifactSafely({
      client: opts.client,
      findBy: { token: opts.token, owner: opts.owner, repo: opts.repo, runId: artifact.runId },
      artifactId: artifact.artifactId,
      name: artifact.name,
      ...artifact.digest ? { expectedDigest: artifact.digest } : {},
      targetDir: opts.targetDir,
      ...opts.limits ? { limits: opts.limits } : {}
    });
    if (!opts.accept || await opts.accept(opts.targetDir, artifact)) {
      return { artifact, dir: opts.targetDir, files };
    }
    opts.log?.(
      `artifact ${artifact.name} of run ${artifact.runId} does not match (manifest); trying an older one`
    );
    await clear();
  }
  if (!existed) await rm2(opts.targetDir, { recursive: true, force: true });
  return void 0;
}
var REPORT_FILE = "ktstr-perf-gate-report.json";
var REPORT_MAX_BYTES = 8 * 1024 * 1024;
function reportArtifactName(key) {
  return key ? `ktstr-perf-gate-report-${namePart(key, "report key")}` : "ktstr-perf-gate-report";
}
var envelopeSchema = external_exports.object({
  schemaVersion: external_exports.literal(1),
  kind: external_exports.literal("ktstr-perf-gate-report"),
  prNumber: external_exports.number().int().positive().nullable(),
  headSha: external_exports.string().regex(/^[0-9a-f]{40}$/),
  report: external_exports.unknown()
});
var reportShape = external_exports.looseObject({
  schemaVersion: external_exports.literal(1),
  verdict: external_exports.enum(["pass", "fail", "no-baseline"]),
  counts: external_exports.looseObject({
    regressions: external_exports.number().int().nonnegative(),
    improvements: external_exports.number().int().nonnegative()
  }),
  rows: external_exports.array(external_exports.unknown())
});
async function uploadReport(opts) {
  const envelope = {
    schemaVersion: 1,
    kind: "ktstr-perf-gate-report",
    prNumber: opts.prNumber,
    headSha: opts.headSha,
    report: opts.report
  };
  const checked = envelopeSchema.safeParse(envelope);
  if (!checked.success) {
    throw new Error(
      `report artifact ${opts.name}: ${checked.error.issues[0]?.path.join(".") ?? ""} ${checked.error.issues[0]?.message ?? "invalid"} \u2014 pass the PR number (or null) and the full head SHA`
    );
  }
  const dir = await mkdtemp(join2(tmpdir(), "ktstr-report-"));
  try {
    await writeFile(join2(dir, REPORT_FILE), `${JSON.stringify(envelope)}
`);
    return await uploadDirectory({
      client: opts.client,
      name: opts.name,
      dir,
      ...opts.retentionDays !== void 0 ? { retentionDays: opts.retentionDays } : {}
    });
  } finally {
    await rm2(dir, { recursive: true, force: true });
  }
}
async function downloadReport(opts) {
  let artifacts;
  try {
    ;
    ({ artifacts } = await opts.client.listArtifacts({
      findBy: clientFindBy(opts.findBy)
    }));
  } catch (err) {
    throw new Error(
      `report artifact ${opts.name}: listing artifacts of run ${opts.findBy.runId} failed: ${firstLine(err)} \u2014 the token needs \`actions: read\``,
      { cause: err }
    );
  }
  const matches = artifacts.filter((a) => a.name === opts.name);
  const match = matches[0];
  if (!match) return void 0;
  const label = `report artifact ${opts.name} (run ${opts.findBy.runId})`;
  if (matches.length > 1)
    throw new Error(
      `${label}: ${matches.length} artifacts carry this name (ids ${matches.map((a) => a.id).join(", ")}) \u2014 something beside ktstr-perf-gate uploaded one; not using any`
    );
  if (!match.digest)
    throw new Error(
      `${label}: GitHub lists no digest for it, so its content cannot be verified; not using it`
    );
  const dir = await mkdtemp(join2(tmpdir(), "ktstr-report-in-"));
  try {
    const files = await downloadArtifactSafely({
      client: opts.client,
      findBy: opts.findBy,
      artifactId: match.id,
      name: opts.name,
      expectedDigest: match.digest,
      targetDir: dir,
      limits: {
        maxEntries: 4,
        maxFileBytes: REPORT_MAX_BYTES,
        maxTotalBytes: REPORT_MAX_BYTES,
        maxArchiveBytes: REPORT_MAX_BYTES
      }
    });
    if (!files.includes(REPORT_FILE))
      throw new Error(`${label}: no ${REPORT_FILE} inside \u2014 was it uploaded by ktstr-perf-gate?`);
    let parsed;
    try {
      parsed = JSON.parse(await readFile(join2(dir, REPORT_FILE), "utf8"));
    } catch (err) {
      throw new Error(
        `${label}: ${REPORT_FILE} is not valid JSON \u2014 the producing job wrote a broken report; re-run it`,
        {
          cause: err
        }
      );
    }
    const env = envelopeSchema.safeParse(parsed);
    if (!env.success) {
      const issue = env.error.issues[0];
      throw new Error(
        `${label}: ${issue?.path.join(".") || "envelope"}: ${issue?.message ?? "invalid"} \u2014 not a ktstr-perf-gate report`
      );
    }
    let report;
    try {
      report = opts.parseReport ? opts.parseReport(env.data.report) : reportShape.parse(env.data.report);
    } catch (err) {
      const first = err instanceof external_exports.ZodError ? `${err.issues[0]?.path.join(".")}: ${err.issues[0]?.message}` : err.message;
      throw new Error(
        `${label}: report is invalid (${first.slice(0, 160)}) \u2014 not a report this version understands`,
        {
          cause: err
        }
      );
    }
    return {
      prNumber: env.data.prNumber,
      headSha: env.data.headSha,
      report,
      artifactId: match.id,
      digest: match.digest
    };
  } finally {
    await rm2(dir, { recursive: true, force: true });
  }
}

// src/github/context.ts
var sha = external_exports.string().regex(/^[0-9a-f]{40}$/);
var positiveInt = external_exports.number().int().positive();
var pullRequestSchema = external_exports.object({
  number: positiveInt,
  head: external_exports.object({
    sha,
    ref: external_exports.string().min(1),
    repo: external_exports.object({ full_name: external_exports.string().min(1) }).nullable().optional()
  }),
  base: external_exports.object({ sha, ref: external_exports.string().min(1), repo: external_exports.object({ full_name: external_exports.string().min(1) }).optional() })
});
var workflowRunSchema = external_exports.object({
  id: positiveInt,
  head_sha: sha,
  head_branch: external_exports.string().nullable().optional(),
  event: external_exports.string(),
  conclusion: external_exports.string().nullable().optional(),
  head_repository: external_exports.object({ full_name: external_exports.string() }).nullable().optional(),
  pull_requests: external_exports.array(external_exports.object({ number: positiveInt, head: external_exports.object({ sha: external_exports.string() }).optional() })).optional()
});
function pullRequestFromPayload(payload, repository) {
  const pr = payload?.pull_request;
  const parsed = pullRequestSchema.safeParse(pr);
  if (!parsed.success) return void 0;
  const p = parsed.data;
  const headRepo = p.head.repo?.full_name;
  return {
    number: p.number,
    headSha: p.head.sha,
    headRef: p.head.ref,
    baseSha: p.base.sha,
    baseRef: p.base.ref,
    headRepoFullName: headRepo,
    isFork: isForkHead(headRepo, repository)
  };
}
function isForkHead(headRepoFullName, repository) {
  return headRepoFullName === void 0 || headRepoFullName.toLowerCase() !== repository.toLowerCase();
}
function workflowRunFromPayload(payload) {
  const wr = payload?.workflow_run;
  const parsed = workflowRunSchema.safeParse(wr);
  if (!parsed.success) return void 0;
  const r = parsed.data;
  return {
    runId: r.id,
    headSha: r.head_sha,
    headBranch: r.head_branch ?? void 0,
    event: r.event,
    conclusion: r.conclusion ?? void 0,
    pullRequestNumbers: (r.pull_requests ?? []).filter((p) => p.head === void 0 || p.head.sha === r.head_sha).map((p) => p.number),
    headRepoFullName: r.head_repository?.full_name
  };
}
function workflowRunProblem(payload) {
  const wr = payload?.workflow_run;
  if (wr === void 0 || wr === null) return "the event payload has no workflow_run";
  const parsed = workflowRunSchema.safeParse(wr);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const at = ["workflow_run", ...issue.path.map(String)].join(".");
  return `the event's workflow_run is not as GitHub sends it: ${at}: ${issue.message}`;
}
function parseRepository(value) {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value ?? "");
  if (!m) {
    throw new Error(
      `GITHUB_REPOSITORY=${JSON.stringify((value ?? "").slice(0, 80))} is not "owner/name" \u2014 run inside GitHub Actions or set it`
    );
  }
  return { owner: m[1], repo: m[2] };
}

// src/github/pulls.ts
function headMismatch(n, head, want) {
  if (head.sha !== want.headSha)
    return `PR #${n} head is ${head.sha.slice(0, 7)}, not the run's ${want.headSha.slice(0, 7)} (pushed since, or a forged number)`;
  const repo = head.repo?.full_name;
  if (want.headRepo !== void 0 && repo?.toLowerCase() !== want.headRepo.toLowerCase())
    return `PR #${n} head repository is ${repo ?? "(deleted)"}, not the run's ${want.headRepo}`;
  if (want.headBranch !== void 0 && head.ref !== want.headBranch)
    return `PR #${n} head branch is ${head.ref}, not the run's ${want.headBranch}`;
  return null;
}
async function resolvePullRequestForRun(opts) {
  const { octokit, owner, repo, headSha } = opts;
  if (opts.claimedNumber !== void 0 && opts.claimedNumber !== null) {
    const n = opts.claimedNumber;
    if (!Number.isSafeInteger(n) || n <= 0)
      return { ok: false, reason: `claimed PR number ${String(n)} is not a positive integer` };
    try {
      const { data: data2 } = await octokit.rest.pulls.get({ owner, repo, pull_number: n });
      const why = headMismatch(n, data2.head, opts);
      if (why) return { ok: false, reason: why };
      if (data2.state !== "open") return { ok: false, reason: `PR #${n} is ${data2.state}` };
      return { ok: true, number: n, headSha, source: "claimed" };
    } catch (err) {
      if (err instanceof GitHubApiError && err.status === 404)
        return { ok: false, reason: `PR #${n} does not exist in ${owner}/${repo}` };
      throw err;
    }
  }
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: headSha,
    per_page: 100
  });
  const open2 = data.filter((p) => p.state === "open" && !headMismatch(p.number, p.head, opts));
  if (open2.length === 1) return { ok: true, number: open2[0].number, headSha, source: "commit-lookup" };
  const where = [opts.headRepo, opts.headBranch].filter(Boolean).join(":");
  if (open2.length === 0)
    return { ok: false, reason: `no open PR has head ${headSha.slice(0, 7)}${where ? ` on ${where}` : ""}` };
  return {
    ok: false,
    reason: `${open2.length} open PRs have head ${headSha.slice(0, 7)}; pass the PR number explicitly`
  };
}

// src/github/approval.ts
async function checkForkApproval(opts) {
  const { octokit, owner, repo, label } = opts;
  const events = await octokit.paginate(octokit.rest.issues.listEvents, {
    owner,
    repo,
    issue_number: opts.prNumber,
    per_page: 100
  });
  const labelEvents = events.filter(
    (e) => (e.event === "labeled" || e.event === "unlabeled") && "label" in e && e.label?.name === label
  ).sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  const last = labelEvents.at(-1);
  if (!last || last.event !== "labeled")
    return { ok: false, why: `label ${label} is not on PR #${opts.prNumber}` };
  const labeledAt = Date.parse(last.created_at);
  const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
    owner,
    repo,
    head_sha: opts.headSha,
    event: "pull_request",
    per_page: 100
  });
  const pushes = runs.filter(
    (r) => r.head_sha === opts.headSha && r.head_repository?.full_name?.toLowerCase() === opts.headRepo.toLowerCase()
  ).map((r) => Date.parse(r.created_at));
  if (pushes.length === 0)
    return {
      ok: false,
      why: `no pull_request run of ${opts.headSha.slice(0, 7)} from ${opts.headRepo} shows when it was pushed`
    };
  const pushedAt = Math.min(...pushes);
  const at = (t) => new Date(t).toISOString();
  if (labeledAt < pushedAt)
    return {
      ok: false,
      why: `label ${label} was applied at ${at(labeledAt)}, before ${opts.headSha.slice(0, 7)} was pushed (${at(pushedAt)}): a maintainer must re-apply it for this head`
    };
  return {
    ok: true,
    why: `label ${label} was applied at ${at(labeledAt)}, after ${opts.headSha.slice(0, 7)} was pushed (${at(pushedAt)})`
  };
}

// src/report/json-parse.ts
var MAX_ROWS = 2e5;
var str = external_exports.string().max(2e4);
var num = external_exports.number().nullable();
var polarity = external_exports.enum(["lower", "higher", "informational", "target", "unknown"]);
var mode = external_exports.enum(["scalar", "noise-adjusted"]);
var side = external_exports.object({
  n: external_exports.number().int().nonnegative(),
  mean: external_exports.number(),
  min: external_exports.number(),
  max: external_exports.number(),
  // null: a spread beyond the double range (json.ts writes ±Infinity as null); read back as Infinity.
  stdev: num.transform((v) => v ?? Infinity),
  value: external_exports.number(),
  fold: external_exports.number(),
  samples: external_exports.array(external_exports.number()).max(1e4)
}).nullable();
var row = external_exports.object({
  key: str,
  test: str,
  topology: str,
  scheduler: str,
  workType: str,
  kernel: str.nullable(),
  metric: str,
  unit: str,
  polarity,
  verdict: external_exports.enum(["regression", "improvement", "unchanged", "informational", "coverage", "noisy"]),
  mode,
  base: side,
  head: side,
  delta: num,
  relDelta: num,
  pValue: num,
  pAdjusted: num.optional().default(null),
  separated: external_exports.boolean().nullable(),
  disjoint: external_exports.boolean().nullable(),
  material: external_exports.boolean(),
  gate: external_exports.object({ abs: external_exports.number(), rel: external_exports.number(), absCleared: external_exports.boolean(), relCleared: external_exports.boolean() }),
  ci95: external_exports.tuple([external_exports.number(), external_exports.number()]).nullable(),
  effectSize: num,
  mustFail: external_exports.boolean(),
  // Added with the sequential rule; reports written before it have neither.
  state: external_exports.enum(["regression", "improvement", "unchanged", "undecided", "inconclusive"]).nullable().optional().default(null),
  runsNeeded: external_exports.number().int().positive().nullable().optional().default(null)
});
var sideInfo = external_exports.object({
  label: str,
  sha: str.nullable(),
  how: str,
  sidecars: external_exports.number().int().nonnegative(),
  runs: external_exports.number().int().nonnegative(),
  kernels: external_exports.array(str).max(1e3),
  hosts: external_exports.array(str).max(1e3)
});
var count = external_exports.number().int().nonnegative();
var comparison = external_exports.object({
  schemaVersion: external_exports.literal(1),
  verdict: external_exports.enum(["pass", "fail", "no-baseline", "no-data"]),
  reasons: external_exports.array(str).max(1e4),
  notices: external_exports.array(str).max(1e4),
  baseline: sideInfo,
  head: sideInfo,
  mode,
  registry: external_exports.object({ source: external_exports.enum(["bundled", "live"]), detail: str, hash: str }),
  options: external_exports.object({
    alpha: external_exports.number(),
    failThreshold: count,
    mustFail: external_exports.array(str).max(1e3),
    thresholdPercent: num,
    policy: str.nullable(),
    filter: str.nullable(),
    fdr: num.optional().default(null),
    sequential: external_exports.object({
      alpha: external_exports.number(),
      gamma: external_exports.number(),
      futility: external_exports.number(),
      maxRuns: external_exports.number().int().positive(),
      variance: external_exports.enum(["pooled", "larger"]).optional().default("larger")
    }).nullable().optional().default(null)
  }),
  counts: external_exports.object({
    regressions: count,
    improvements: count,
    unchanged: count,
    informational: count,
    excluded: count,
    droppedRuns: count,
    newInHead: count,
    removedFromBase: count,
    malformed: count,
    coverage: count,
    noisy: count.optional().default(0),
    bothZero: count.optional().default(0),
    assertionsTripped: count,
    unknownMetrics: count,
    undecided: count.optional().default(0),
    inconclusive: count.optional().default(0)
  }),
  rule: external_exports.enum(["ktstr", "sequential"]).optional().default("ktstr"),
  tests: external_exports.array(
    external_exports.object({
      key: str,
      test: str,
      baseRuns: count,
      headRuns: count,
      undecided: count,
      inconclusive: count,
      runsNeeded: external_exports.number().int().positive().nullable()
    })
  ).max(MAX_ROWS).optional().default([]),
  rows: external_exports.array(row).max(MAX_ROWS),
  assertions: external_exports.array(
    external_exports.object({
      key: str,
      test: str,
      metric: str,
      name: str.nullable(),
      phase: external_exports.number().int().nullable(),
      rel: external_exports.number(),
      abs: external_exports.number(),
      direction: polarity,
      tripped: external_exports.boolean(),
      skipped: str.nullable(),
      delta: num,
      relDelta: num,
      pValue: num,
      separated: external_exports.boolean().nullable()
    })
  ).max(MAX_ROWS),
  excludedPairs: external_exports.array(external_exports.object({ key: str, reason: str })).max(MAX_ROWS),
  newInHead: external_exports.array(str).max(MAX_ROWS),
  removedFromBase: external_exports.array(str).max(MAX_ROWS),
  malformed: external_exports.array(external_exports.object({ file: str, path: str, message: str })).max(MAX_ROWS),
  unknownMetrics: external_exports.array(str).max(MAX_ROWS)
});
function parseComparisonJson(json, where) {
  const r = comparison.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const at = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("");
    throw new UsageError(
      `report ${where} is not a ktstr-perf-gate report at $${at}: ${issue.message}`,
      "it must come from the same ktstr-perf-gate version (schemaVersion 1); re-run the pull request workflow"
    );
  }
  return r.data;
}

// src/report/summary.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024;
var DEFAULT_SUMMARY_MAX_BYTES = SUMMARY_LIMIT_BYTES - 48 * 1024;
var MAX_LIST = 100;
function renderSummary(c, opts = {}) {
  const max = Math.min(opts.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES, SUMMARY_LIMIT_BYTES);
  const rows = byImportance(c.rows);
  const bytes = (s) => Buffer.byteLength(s, "utf8");
  const text = fitRows(rows.length, (k) => render(c, opts, rows.slice(0, k), rows.slice(k)), bytes, max);
  if (bytes(text) <= max) return text;
  const cut = Buffer.from(text, "utf8").subarray(0, Math.max(0, max - 200)).toString("utf8").replace(/\uFFFD$/, "");
  return `${cut}

> \u2702\uFE0F Summary cut to fit GitHub's 1 MiB limit; the run artifact has every row.
`;
}
function render(c, opts, shown2, omitted) {
  const links = { repoUrl: opts.repoUrl, runUrl: opts.runUrl };
  const { moves, rest } = splitShown(shown2);
  const parts = [headline(c, "#"), overview(c, links)];
  const notices = noticesBlock(c, MAX_LIST);
  if (notices) parts.push(notices);
  const cut = omittedLine(omitted, links, "run artifact (JSON)");
  if (cut) parts.push(cut);
  if (c.assertions.length > 0) parts.push(`## Assertions

${assertionsTable(c, true)}`);
  if (moves.length > 0) parts.push(`## Regressions and improvements

${movesTable(moves)}`);
  const plots = stripPlots(moves, 5);
  if (plots) parts.push(`## Samples of the worst regressions

${plots}`);
  if (opts.mermaid) {
    const charts = moves.filter((r) => r.verdict === "regression").slice(0, 5).map(mermaidChart).filter(Boolean);
    if (charts.length > 0) parts.push(charts.join("\n\n"));
  }
  const open2 = openRowsSection(c, links);
  if (open2) parts.push(open2);
  if (rest.length > 0) parts.push(details(`Other rows (${rest.length})`, restTable(rest)));
  if (shown2.length > 0) parts.push(`## Per-test detail

${perTest(c, shown2)}`);
  parts.push(`## Provenance

${provenance(c, links)}`);
  const lists = listsSection(c);
  if (lists) parts.push(lists);
  return parts.join("\n\n") + "\n";
}
function perTest(c, shown2) {
  const groups2 = /* @__PURE__ */ new Map();
  for (const r of shown2) {
    const g = groups2.get(r.key);
    if (g) g.push(r);
    else groups2.set(r.key, [r]);
  }
  const blocks = [];
  for (const [key, rows] of groups2) {
    const reg = rows.filter((r) => r.verdict === "regression").length;
    const imp = rows.filter((r) => r.verdict === "improvement").length;
    const first = rows[0];
    const label = `${htmlText(key, MAX_KEY)} \u2014 ${plural(reg, "regression")}, ${plural(imp, "improvement")}, ${plural(rows.length, "metric")}`;
    const info2 = `scheduler ${mdText(first.scheduler, 60)}, kernel ${mdText(first.kernel ?? "\u2013", 60)}`;
    const assertions = c.assertions.filter((a) => a.key === key);
    const assertionLines = assertions.map(
      (a) => `- assertion ${mdText(a.name ?? a.metric, MAX_METRIC)} on ${mdText(a.metric, MAX_METRIC)}: ${a.tripped ? "**tripped**" : a.skipped !== null ? `not evaluated (${mdText(a.skipped, 200)})` : "held"}, \u0394 ${mdText(formatPercent(a.relDelta))}`
    );
    const body = [
      info2,
      ...assertionLines.length > 0 ? ["", ...assertionLines] : [],
      "",
      detailTable(rows)
    ].join("\n");
    blocks.push(details(label, body, reg > 0));
  }
  return blocks.join("\n\n");
}
var DETAIL_CELLS = /* @__PURE__ */ new WeakMap();
function detailTable(rows) {
  const body = rows.map(
    cached(DETAIL_CELLS, (r) => [
      mdText(r.metric, MAX_METRIC),
      mdText(r.polarity),
      mdText(formatSpread(r.base, r.unit)),
      mdText(formatSpread(r.head, r.unit)),
      mdText(formatRowDelta(r)),
      mdText(formatPercent(r.relDelta)),
      mdText(formatCi(r.ci95)),
      mdText(r.pAdjusted === null ? formatP(r.pValue) : `${formatP(r.pValue)} (q ${formatP(r.pAdjusted)})`),
      mdText(r.effectSize === null ? "\u2013" : formatNumber(r.effectSize)),
      mdText(formatGateSpec(r)),
      `${r.verdict}${r.mustFail ? " (must-fail)" : ""}`
    ])
  );
  const header2 = [
    "Metric",
    "Polarity",
    "Baseline",
    "HEAD",
    "\u0394",
    "\u0394 %",
    "95 % CI",
    "p",
    "g",
    "Gate",
    "Verdict"
  ];
  return markdownTable([header2, ...body], { alignDelimiters: false });
}
function listsSection(c) {
  const sections = [
    [
      "Excluded pairs (no passing run on a side)",
      c.excludedPairs.map((p) => `${mdText(p.key, MAX_KEY)}: ${mdText(p.reason, 300)}`)
    ],
    ["New in HEAD (no matching key in the baseline)", c.newInHead.map((k) => mdText(k, MAX_KEY))],
    ["Removed from the baseline (no matching key in HEAD)", c.removedFromBase.map((k) => mdText(k, MAX_KEY))],
    [
      "Malformed sidecars",
      c.malformed.map((m) => `${mdText(m.file, 300)} at ${mdText(m.path, 100)}: ${mdText(m.message, 300)}`)
    ],
    ["Unknown metrics (not in the registry)", c.unknownMetrics.map((m) => mdText(m, MAX_METRIC))]
  ];
  return sections.filter(([, items]) => items.length > 0).map(([title, items]) => {
    const lines = items.slice(0, MAX_LIST).map((i) => `- ${i}`);
    if (items.length > MAX_LIST)
      lines.push(`- \u2026 and ${items.length - MAX_LIST} more (in the run artifact's JSON)`);
    return `### ${title} (${items.length})

${lines.join("\n")}`;
  }).join("\n\n");
}

// src/core/child-env.ts
var ALLOWED_NAMES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TMPDIR",
  "TERM",
  "COLORTERM",
  "NO_COLOR",
  "CI",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "RUSTFLAGS",
  "RUSTDOCFLAGS",
  "CC",
  "CXX",
  "AR",
  "LD",
  "CFLAGS",
  "CXXFLAGS",
  "LDFLAGS",
  "CLANG",
  "LLVM_CONFIG_PATH",
  "LIBCLANG_PATH",
  "BPF_CLANG",
  "PKG_CONFIG",
  "PKG_CONFIG_PATH",
  "LD_LIBRARY_PATH"
]);
var ALLOWED_PREFIXES = ["LC_", "XDG_", "KTSTR_", "CARGO_", "RUSTUP_", "RUSTC"];
var DENIED = /^(INPUT_|ACTIONS_|GITHUB_|RUNNER_|GH_)|TOKEN|SECRET|PASSW(OR)?D|CREDENTIAL|_KEY$|APIKEY/i;
var MIN_SUBSTRING_SECRET = 8;
var PASS_ENV = "KTSTR_AGENT_PASS_ENV";
function allowedName(name, extra = /* @__PURE__ */ new Set()) {
  return ALLOWED_NAMES.has(name) || ALLOWED_PREFIXES.some((p) => name.startsWith(p)) || extra.has(name);
}
function childEnv(env, o = {}) {
  const secrets = (o.secrets ?? []).map((s) => (s ?? "").trim()).filter((s) => s.length > 0);
  const extra = new Set((env[PASS_ENV] ?? "").split(/[\s,]+/).filter(Boolean));
  const out = {};
  const dropped = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === void 0) continue;
    const holdsSecret = secrets.some(
      (s) => s.length >= MIN_SUBSTRING_SECRET ? value.includes(s) : value.trim() === s
    );
    if (!allowedName(name, extra) || DENIED.test(name) || holdsSecret) dropped.push(name);
    else out[name] = value;
  }
  return { env: out, dropped: dropped.sort() };
}

// src/action/agent.ts
function execAgent(o) {
  const [cmd, ...pre] = o.command.split(/\s+/).filter(Boolean);
  if (!cmd) throw new UsageError("input agent is empty", "give the ktstr-agent command, e.g. ktstr-agent");
  const { env, dropped } = childEnv(o.env ?? process.env, { secrets: o.secrets });
  if (dropped.length > 0) o.log.debug(`ktstr-agent environment: left out ${dropped.join(", ")}`);
  const run2 = (args, quiet) => getExecOutput(cmd, [...pre, ...args], {
    ignoreReturnCode: true,
    silent: quiet,
    env
  }).catch((e) => {
    throw new UsageError(
      `cannot run ${o.command}: ${e.message}`,
      "install ktstr-agent on this runner (see runner-agent/README.md) or set input agent"
    );
  });
  return {
    async doctor(out) {
      const r = await run2(["doctor", "--json", "--out", out], true);
      try {
        const j = JSON.parse(r.stdout);
        const bad = (j.checks ?? []).filter((c) => c.status === "fail").map((c) => `${c.name}: ${c.detail}${c.fix ? ` (fix: ${c.fix})` : ""}`);
        return {
          ok: j.ok && r.exitCode === 0,
          why: j.ok ? null : bad.join("; ") || "ktstr-agent doctor failed"
        };
      } catch {
        return {
          ok: false,
          why: `ktstr-agent doctor exited ${r.exitCode}: ${r.stderr.trim().split("\n").pop() ?? ""}`
        };
      }
    },
    async produce(p) {
      const args = [
        "produce",
        "--repo",
        o.repo,
        "--kernel",
        p.kernel,
        ...p.add ? ["--add", String(p.add)] : ["--runs", String(p.runs)],
        "--out",
        p.out,
        "--json",
        "--quiet"
      ];
      if (p.base) args.push("--base", p.base);
      if (p.head) args.push("--head", p.head);
      const filter = p.filter ?? o.filter;
      if (filter) args.push("--filter", filter);
      if (o.allowUntrusted) args.push("--allow-untrusted");
      if (!o.cacheStore) args.push("--no-cache-store");
      o.log.info(
        p.add ? `ktstr-agent produce: +${p.add} run(s) per side (${p.base ? "baseline and HEAD" : "HEAD"}), kernel ${p.kernel}` : `ktstr-agent produce: ${p.runs} run(s) per side, kernel ${p.kernel}`
      );
      const r = await o.log.inert(
        () => getExecOutput(cmd, [...pre, ...args], {
          ignoreReturnCode: true,
          silent: false,
          env
        })
      );
      if (r.exitCode !== 0)
        throw new UsageError(
          `ktstr-agent produce exited ${r.exitCode}: ${r.stderr.trim().split("\n").pop() ?? ""}`,
          "run `ktstr-agent doctor` on the runner; the runs that did finish are kept in the pool"
        );
      try {
        return {
          nothingToCompare: !!JSON.parse(r.stdout).nothingToCompare
        };
      } catch {
        return { nothingToCompare: false };
      }
    }
  };
}

// src/core/topup.ts
var SAFE_TEST_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/;
function rowId(r) {
  return `${r.key}\0${r.metric}`;
}
function planTopUp(c, o) {
  const byTest = /* @__PURE__ */ new Map();
  for (const r of c.rows) {
    if (!r.base || !r.head) continue;
    const list = byTest.get(r.test) ?? [];
    list.push(r);
    byTest.set(r.test, list);
  }
  const plan2 = { tests: [], rows: 0, atMax: [], refused: [] };
  for (const [test, rows] of [...byTest].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    const open2 = rows.filter((r) => r.state === "undecided");
    if (open2.length === 0) continue;
    if (!SAFE_TEST_NAME.test(test)) {
      plan2.refused.push(test);
      continue;
    }
    const headRuns = Math.min(...open2.map((r) => r.head.n));
    const baseRuns = Math.min(...open2.map((r) => r.base.n));
    const add = Math.min(o.batch, o.maxRuns - headRuns);
    if (add <= 0) {
      plan2.atMax.push(test);
      continue;
    }
    const needs = open2.map((r) => r.runsNeeded).filter((n) => typeof n === "number");
    plan2.tests.push({
      test,
      rows: open2.length,
      headRuns,
      baseRuns,
      runsNeeded: needs.length ? Math.max(...needs) : null,
      add,
      // A deep baseline (cache, pushes to the default branch) needs no more runs to match HEAD's.
      withBase: baseRuns < headRuns + add
    });
    plan2.rows += open2.length;
  }
  return plan2;
}
function nextestFilter(names) {
  if (names.length === 0) throw new Error("nextestFilter: no test names");
  for (const n of names)
    if (!SAFE_TEST_NAME.test(n)) throw new Error(`nextestFilter: unsafe test name ${JSON.stringify(n)}`);
  return [...new Set(names)].sort().map((n) => `test(/^(.*::)?${n}$/)`).join(" | ");
}
function recordDecisions(c, decided) {
  for (const r of c.rows)
    if (r.state && r.state !== "undecided" && !decided.has(rowId(r)))
      decided.set(rowId(r), structuredClone(r));
}
function holdDecisions(c, decided) {
  const rows = c.rows.map((r) => {
    const d = decided.get(rowId(r));
    return d && d.state !== r.state ? structuredClone(d) : r;
  });
  const ordered = [...rows].sort(rowOrder);
  const count2 = (v) => ordered.filter((r) => r.verdict === v).length;
  const countState = (s) => ordered.filter((r) => r.state === s).length;
  const counts = {
    ...c.counts,
    regressions: count2("regression"),
    improvements: count2("improvement"),
    unchanged: count2("unchanged") - countState("undecided") - countState("inconclusive"),
    undecided: countState("undecided"),
    inconclusive: countState("inconclusive")
  };
  const { verdict, reasons } = decide(
    ordered,
    c.assertions,
    { failThreshold: c.options.failThreshold, mustFail: c.options.mustFail },
    {
      baseSidecars: c.baseline.sidecars,
      headSidecars: c.head.sidecars,
      baseLabel: c.baseline.label,
      headLabel: c.head.label
    }
  );
  const tests = c.tests?.map((t) => {
    const mine = ordered.filter((r) => r.key === t.key);
    const open2 = mine.filter((r) => r.state === "undecided");
    return {
      ...t,
      undecided: open2.length,
      inconclusive: mine.filter((r) => r.state === "inconclusive").length,
      runsNeeded: open2.length ? t.runsNeeded : null
    };
  });
  const same = verdict === c.verdict && counts.regressions === c.counts.regressions;
  return {
    ...c,
    rows: ordered,
    counts,
    ...tests ? { tests } : {},
    verdict,
    reasons: same ? c.reasons : reasons
  };
}

// src/action/topup.ts
async function topUp(d) {
  const decided = /* @__PURE__ */ new Map();
  recordDecisions(d.first, decided);
  let c = d.first;
  let msPerTestRun = d.firstRound && d.firstRound.testRuns > 0 ? d.firstRound.ms / d.firstRound.testRuns : null;
  for (let round = 2; ; round++) {
    const plan2 = planTopUp(c, { batch: d.batch, maxRuns: d.maxRuns });
    if (plan2.refused.length > 0)
      d.log.warning(
        `not topping up ${plan2.refused.length} test(s) whose name is not a plain test name (sidecars are untrusted): ${plan2.refused.slice(0, 3).map((t) => terminalText(t, 100)).join(", ")}`
      );
    if (plan2.tests.length === 0) {
      const stopped = plan2.refused.length > 0 ? "refused" : plan2.atMax.length > 0 ? "max-runs" : "decided";
      const stuck = c.rows.filter((r) => r.state === "inconclusive").length;
      if (stopped === "decided")
        d.log.info(
          `round ${round}: nothing undecided \u2014 every row decided${stuck ? ` (${stuck} inconclusive: too noisy, or at max-runs)` : ""}`
        );
      else if (stopped === "max-runs")
        d.log.info(
          `round ${round}: ${plan2.atMax.length} test(s) still undecided at max-runs ${d.maxRuns} \u2014 stopping`
        );
      return { comparison: c, rounds: round - 2, stopped };
    }
    const testRuns = plan2.tests.reduce((s, t) => s + t.add * (t.withBase ? 2 : 1), 0);
    const estMs = msPerTestRun === null ? null : msPerTestRun * testRuns;
    d.log.info(
      `round ${round}: ${plan2.tests.length} test${plan2.tests.length === 1 ? "" : "s"} undecided (${plan2.rows} row${plan2.rows === 1 ? "" : "s"}) \u2192 ${adds(plan2.tests)} each, est. ${minutes(estMs)}`
    );
    const spent = d.now() - d.startedAt;
    if (d.budgetMs > 0 && (spent >= d.budgetMs || estMs !== null && spent + estMs > d.budgetMs)) {
      const why = `time-budget ${Math.round(d.budgetMs / 6e4)} min: ${Math.round(spent / 6e4)} min spent, round ${round} would take ${estMs === null ? "unknown" : `\u2248 ${Math.ceil(estMs / 6e4)} min`}`;
      d.log.notice(
        `${why}; stopping with ${plan2.rows} row(s) undecided \u2014 rerun with a larger time-budget, or with extra-runs`
      );
      return {
        comparison: withNotice(c, `${why}: ${plan2.rows} row(s) left undecided`),
        rounds: round - 2,
        stopped: "time-budget"
      };
    }
    const t0 = d.now();
    try {
      for (const g of groups(plan2.tests))
        await d.produce({ filter: nextestFilter(g.tests), tests: g.tests, add: g.add, base: g.base });
    } catch (e) {
      const why = `the top-up of round ${round} failed: ${e.message}`;
      d.log.warning(`${why}; gating the runs that finished`);
      c = holdDecisions(await d.regate(), decided);
      await d.afterRound?.();
      return { comparison: withNotice(c, why), rounds: round - 1, stopped: "agent-failed" };
    }
    const ms = d.now() - t0;
    if (testRuns > 0 && ms > 0) msPerTestRun = ms / testRuns;
    c = holdDecisions(await d.regate(), decided);
    recordDecisions(c, decided);
    await d.afterRound?.();
  }
}
function minutes(ms) {
  if (ms === null) return "unknown (nothing measured yet)";
  return ms < 6e4 ? "< 1 min" : `${Math.ceil(ms / 6e4)} min`;
}
function adds(tests) {
  const lo = Math.min(...tests.map((t) => t.add));
  const hi = Math.max(...tests.map((t) => t.add));
  return lo === hi ? `+${lo} run${lo === 1 ? "" : "s"}` : `+${lo}\u2013${hi} runs`;
}
function groups(tests) {
  const out = /* @__PURE__ */ new Map();
  for (const t of tests) {
    const k = `${t.add}/${t.withBase}`;
    const g = out.get(k) ?? { tests: [], add: t.add, base: t.withBase };
    g.tests.push(t.test);
    out.set(k, g);
  }
  return [...out.values()];
}
function withNotice(c, notice2) {
  return { ...c, notices: [...c.notices, notice2] };
}

// src/action/inputs.ts
function readInputs(get) {
  const oneOf = (name, allowed, dflt) => {
    const v = get(name) || dflt;
    if (!allowed.includes(v))
      throw new UsageError(`input ${name}: ${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
    return v;
  };
  const int = (name, dflt, min) => {
    const raw = get(name);
    if (raw === "") return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`input ${name}: ${JSON.stringify(raw)} is not a whole number \u2265 ${min}`);
    return n;
  };
  const bool = (name, dflt) => {
    const raw = get(name).toLowerCase();
    if (raw === "") return dflt;
    if (["true", "yes", "on", "1"].includes(raw)) return true;
    if (["false", "no", "off", "0"].includes(raw)) return false;
    throw new UsageError(`input ${name}: ${JSON.stringify(raw)} is not true or false`);
  };
  const fdrRaw = get("fdr");
  const fdr = fdrRaw === "" ? null : Number(fdrRaw);
  if (fdr !== null && !(fdr > 0 && fdr < 1))
    throw new UsageError(`input fdr: ${JSON.stringify(fdrRaw)} must be a rate between 0 and 1, e.g. 0.05`);
  const runs = int("noise-adjust", 5, 1);
  const threshold = get("threshold") || void 0;
  const policy = get("policy") || void 0;
  if (threshold === void 0 !== (policy === void 0) && runs >= 2)
    throw new UsageError(
      `input ${threshold !== void 0 ? "threshold" : "policy"}: gates the scalar comparison only (one run per side), as in ktstr where it conflicts with --noise-adjust; noise-adjust is ${runs}`,
      "set noise-adjust: 1, or drop it (with repeated runs the registry gates and the Welch test decide)"
    );
  return {
    mode: oneOf("mode", ["gate", "produce", "comment"], "gate"),
    base: get("base"),
    baseRef: get("base-ref"),
    defaultBranch: get("default-branch") || "main",
    kernel: get("kernel"),
    runs,
    extraRuns: int("extra-runs", 0, 0),
    filter: get("filter"),
    threshold,
    policy,
    failThreshold: int("fail-threshold", 5, 0),
    mustFail: get("must-fail") || void 0,
    fdr,
    rule: oneOf("rule", ["ktstr", "sequential"], "ktstr"),
    maxRuns: int("max-runs", 20, 2),
    poolDir: get("pool-dir") || "target/ktstr",
    produce: oneOf("produce", ["auto", "never", "always"], "auto"),
    agent: get("agent") || "ktstr-agent",
    hostClass: get("host-class") || "ktstr-kvm",
    shard: get("shard"),
    allowForkProduce: bool("allow-fork-produce", false),
    forkApprovalLabel: get("fork-approval-label"),
    comment: oneOf("comment", ["always", "on-change", "never"], "always"),
    commentKey: get("comment-key"),
    upload: bool("upload", true),
    retentionDays: int("retention-days", 0, 0),
    registry: get("registry") || "auto",
    token: get("github-token"),
    onNoData: oneOf("on-no-data", ["fail", "pass"], "fail"),
    strict: bool("strict", false),
    timeBudgetMin: int("time-budget", 60, 0)
  };
}

// src/action/publish.ts
import { copyFile, mkdir as mkdir3, mkdtemp as mkdtemp2, readdir as readdir3, rm as rm3, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import path from "node:path";
async function writeReport(c, dir, key) {
  await mkdir3(dir, { recursive: true });
  const file = path.join(dir, `ktstr-perf-gate-report-${key.replace(/[^A-Za-z0-9._-]+/g, "_")}.json`);
  await writeFile2(file, renderJson(c) + "\n");
  return file;
}
function outputs(c, report) {
  return {
    verdict: c.verdict,
    regressions: String(c.counts.regressions),
    improvements: String(c.counts.improvements),
    compared: String(c.rows.filter((r) => r.verdict !== "coverage").length),
    baseline: c.baseline.label,
    head: c.head.label,
    report
  };
}
var MAX_ANNOTATIONS = 10;
function annotate(c, log) {
  const regs = c.rows.filter((r) => r.verdict === "regression");
  for (const r of regs.slice(0, MAX_ANNOTATIONS)) {
    const msg = `${terminalText(r.key, 200)} ${terminalText(r.metric, 80)}: ${formatPercent(r.relDelta)} vs baseline ${c.baseline.label}`;
    if (c.verdict === "fail") log.error(msg, { title: "ktstr-perf-gate: regression" });
    else log.warning(msg);
  }
  if (regs.length > MAX_ANNOTATIONS)
    log.info(`${regs.length - MAX_ANNOTATIONS} more regression(s) are in the job summary`);
  for (const a of c.assertions.filter((x) => x.tripped))
    log.error(`${terminalText(a.key, 200)}: assertion ${terminalText(a.name ?? a.metric, 80)} tripped`, {
      title: "ktstr-perf-gate: assertion"
    });
}
async function uploadSides(o) {
  const dirs = await readdir3(o.poolDir, { withFileTypes: true }).catch(() => []);
  for (const side2 of o.sides) {
    const mine = dirs.filter(
      (d) => d.isDirectory() && !d.name.startsWith(".") && d.name.endsWith(`-${side2.label}`)
    );
    if (mine.length === 0) continue;
    const kernel = o.kernel || mine[0].name.slice(0, -(side2.label.length + 1));
    let name;
    try {
      name = sidecarArtifactName(kernel, side2.sha, o.hostClass);
    } catch (e) {
      o.log.warning(`not uploading ${side2.label}: ${e.message}`);
      continue;
    }
    const stage = await mkdtemp2(path.join(tmpdir2(), "ktstr-upload-"));
    try {
      for (const d of mine) await copyTree(path.join(o.poolDir, d.name), path.join(stage, d.name));
      if (o.uploaded?.has(name)) await o.client.deleteArtifact(name);
      const up = await uploadDirectory({
        client: o.client,
        name,
        dir: stage,
        ...o.retentionDays ? { retentionDays: o.retentionDays } : {}
      });
      o.uploaded?.add(name);
      o.log.info(`uploaded artifact ${name} (id ${up.id})`);
    } catch (e) {
      o.log.warning(`${e.message}`);
    } finally {
      await rm3(stage, { recursive: true, force: true });
    }
  }
}
async function uploadReportArtifact(o) {
  const name = reportArtifactName(o.key);
  try {
    const { artifacts } = await o.client.listArtifacts();
    const squatters = artifacts.filter((a) => a.name === name);
    if (squatters.length > 0) {
      o.log.warning(
        `an artifact named ${name} already exists in this run (id ${squatters.map((a) => a.id).join(", ")}) and this step did not upload it \u2014 something in the job (the code under test?) did; deleting it and uploading the real report`
      );
      await o.client.deleteArtifact(name);
    }
    const up = await uploadReport({
      client: o.client,
      name,
      report: JSON.parse(renderJson(o.c)),
      prNumber: o.prNumber,
      headSha: o.headSha,
      ...o.retentionDays ? { retentionDays: o.retentionDays } : {}
    });
    o.log.info(`uploaded report artifact ${name} (id ${up.id}, ${up.digest ?? "no digest"})`);
    return up;
  } catch (e) {
    o.log.warning(`${e.message}`);
    return null;
  }
}
function reportRecord(up) {
  return `

Report artifact \`${up.name}\` (id ${up.id}), digest \`${up.digest ?? "none"}\`.
`;
}
async function postComment(o) {
  const body = renderComment(o.c, { key: o.key, ...o.links });
  const hasNews = o.c.verdict === "fail" || o.c.counts.regressions + o.c.counts.improvements > 0;
  try {
    const r = await upsertComment({
      octokit: o.octokit,
      owner: o.owner,
      repo: o.repo,
      issueNumber: o.prNumber,
      marker: commentMarker(o.key),
      body,
      mode: o.mode,
      hasNews
    });
    switch (r.action) {
      case "created":
      case "updated":
      case "unchanged":
        o.log.info(`comment ${r.action}: ${r.url}`);
        return r.url;
      case "forbidden":
        o.log.notice(r.notice);
        return null;
      case "skipped":
        o.log.info(`no comment (${r.reason})`);
        return null;
    }
  } catch (e) {
    o.log.warning(
      `could not post the PR comment: ${e.message} \u2014 the job summary and the report artifact have the full result`
    );
    return null;
  }
}
async function copyTree(from, to) {
  await mkdir3(to, { recursive: true });
  for (const e of await readdir3(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) await copyTree(a, b);
    else if (e.isFile()) await copyFile(a, b);
  }
}

// src/action/samples.ts
import { existsSync } from "node:fs";
import { mkdir as mkdir4, mkdtemp as mkdtemp3, rename, rm as rm4 } from "node:fs/promises";
import path2 from "node:path";
async function gatherSamples(needs, d) {
  if (d.checkout) await setAsideTracked(d.checkout, d.poolDir, d.log);
  const pool0 = await readPool(d.poolDir);
  const out = needs.map((n) => {
    const have = runsAvailable(pool0, n.commit.label);
    return { ...n, fromPool: have, fromArtifact: null, produced: 0, have };
  });
  for (const o of out) {
    if (o.have >= o.want || !d.github || !d.kernel) continue;
    if (o.have > 0) continue;
    const name = sidecarArtifactName(d.kernel, o.commit.sha, d.hostClass);
    try {
      const restored = await restoreInto(d, o, name);
      if (restored) {
        const pool2 = await readPool(d.poolDir);
        o.have = runsAvailable(pool2, o.commit.label);
        o.fromArtifact = { runId: restored.runId, name, runs: o.have };
        d.log.info(
          `restored ${o.have} run(s) of the ${o.side} ${o.commit.label} from artifact ${name} of run ${restored.runId}`
        );
      } else
        d.log.info(
          `no artifact ${name} from an earlier successful run of ${[o.runSha, ...o.alsoRunShas ?? []].map((s) => s.slice(0, 7)).join(" or ")}`
        );
    } catch (e) {
      d.log.warning(
        `could not restore the ${o.side} ${o.commit.label} from artifacts: ${e.message}`
      );
    }
  }
  if (d.extraRuns) for (const o of out) o.want = Math.max(o.want, o.have + d.extraRuns);
  const short = out.filter((o) => o.have < o.want || d.produce === "always");
  if (short.length === 0 || d.produce === "never") {
    for (const o of out.filter((x) => x.have < x.want)) {
      o.notProduced = "producing is off (produce: never)";
      d.log.notice(
        `${o.side} ${o.commit.label}: ${o.have} of ${o.want} run(s) available and producing is off (produce: never); run this job on a KVM runner with produce: auto, or record runs with a mode: produce job`
      );
    }
    return out;
  }
  const doctor = d.agent && !d.produceBlocked ? await d.agent.doctor(d.poolDir) : null;
  const blocked = d.produceBlocked ?? (!d.agent ? "no runner agent" : doctor && !doctor.ok ? `ktstr-agent doctor: ${doctor.why}` : null);
  if (blocked || !d.agent) {
    for (const o of short) {
      o.notProduced = blocked ?? "no runner agent";
      d.log.notice(
        `${o.side} ${o.commit.label}: ${o.have} of ${o.want} run(s) available; not producing: ${blocked}`
      );
    }
    return out;
  }
  const base = short.find((o) => o.side === "baseline");
  const head = short.find((o) => o.side === "HEAD");
  const want = Math.max(...short.map((o) => o.want));
  const result = await d.agent.produce({
    base: base?.commit.sha,
    head: head?.commit.sha,
    kernel: d.kernel,
    runs: want,
    out: d.poolDir
    // The agent tops the pool up from its host cache without knowing which runs the pool already
    // holds: runs restored from an artifact are usually the very runs it cached, and would come
    // back as duplicates (the gate ignores them, so a top-up would add nothing). Produce fresh ones.
  });
  const pool = await readPool(d.poolDir);
  for (const o of out) {
    const now = runsAvailable(pool, o.commit.label);
    o.produced = Math.max(0, now - o.have);
    o.have = now;
  }
  if (result.nothingToCompare) {
    for (const o of out.filter((x) => x.have === 0))
      o.notProduced = "the runner agent produced no performance_mode sidecars";
    d.log.notice(
      "the runner agent produced no performance_mode sidecars \u2014 nothing to compare (define #[ktstr_test(performance_mode)] tests, or widen the filter)"
    );
  }
  return out;
}
async function restoreInto(d, o, name) {
  await mkdir4(d.poolDir, { recursive: true });
  const scratch = await mkdtemp3(path2.join(d.poolDir, ".restore-"));
  try {
    for (const headSha of [.../* @__PURE__ */ new Set([o.runSha, ...o.alsoRunShas ?? []])]) {
      const r = await restoreFrom(d, o, name, scratch, headSha);
      if (r) return r;
    }
    return void 0;
  } finally {
    await rm4(scratch, { recursive: true, force: true });
  }
}
async function restoreFrom(d, o, name, scratch, headSha) {
  const gh = d.github;
  let accepted = [];
  const r = await restoreArtifact({
    octokit: gh.octokit,
    client: gh.client,
    token: gh.token,
    owner: gh.owner,
    repo: gh.repo,
    headSha,
    name,
    // A failed gate (a regression) still recorded sound samples: reruns and top-ups reuse them.
    conclusions: ["success", "failure"],
    targetDir: scratch,
    log: (line) => d.log.debug(line),
    trust: {
      repository: `${gh.owner}/${gh.repo}`,
      defaultBranch: gh.defaultBranch,
      ...o.side === "HEAD" && o.forkHead ? { forkHead: o.forkHead } : {}
    },
    // Use an artifact only for the runs it holds of this side's commit, each with a manifest made
    // with this job's kernel and metric registry; with none, the next older one is tried.
    accept: async (dir, artifact) => {
      const found = await restorableRuns(dir, {
        kernel: d.kernel,
        registryHash: d.registryHash ?? "",
        commit: o.commit.sha,
        label: o.commit.label
      });
      accepted = found.runs;
      if (found.refused.length > 0)
        d.log.info(
          `artifact ${name} of run ${artifact.runId}: not using ${found.refused.length} entr${found.refused.length === 1 ? "y" : "ies"}: ${found.refused.slice(0, 3).map((x) => terminalText(x, 200)).join("; ")}`
        );
      return found.runs.length > 0;
    }
  });
  if (!r) return void 0;
  await moveRuns(r.dir, accepted, d.poolDir);
  return { runId: r.artifact.runId };
}
async function moveRuns(from, runs, poolDir) {
  for (const run2 of runs) {
    const to = path2.join(poolDir, run2);
    if (existsSync(to)) continue;
    await mkdir4(path2.dirname(to), { recursive: true });
    await rename(path2.join(from, run2), to);
  }
}
var TRACKED_ASIDE = ".git-tracked";
async function setAsideTracked(checkout, poolDir, log) {
  const rel = path2.relative(checkout, poolDir);
  if (rel.startsWith("..") || path2.isAbsolute(rel) || !existsSync(poolDir)) return [];
  let listed;
  try {
    const { simpleGit } = await import("./chunks/dist-BZRCGXAG.js");
    listed = await simpleGit({ baseDir: checkout }).raw(["ls-files", "-z", "--", rel || "."]);
  } catch (e) {
    log.debug(`git ls-files in ${checkout}: ${e.message}`);
    return [];
  }
  const inRuns = listed.split("\0").filter(Boolean).map((f) => path2.relative(poolDir, path2.join(checkout, f))).filter((f) => f.includes(path2.sep) && !f.startsWith(".") && !f.startsWith(".."));
  if (inRuns.length === 0) return [];
  for (const f of inRuns) {
    const to = path2.join(poolDir, TRACKED_ASIDE, f);
    await mkdir4(path2.dirname(to), { recursive: true });
    await rename(path2.join(poolDir, f), to).catch(() => void 0);
  }
  log.warning(
    `${inRuns.length} file(s) under the pool ${terminalText(rel || ".", 200)} are committed in this checkout (${inRuns.slice(0, 3).map((f) => terminalText(f, 120)).join(", ")}${inRuns.length > 3 ? ", \u2026" : ""}): committed sidecars are never samples; moved to ${terminalText(path2.join(rel, TRACKED_ASIDE), 200)} and ignored \u2014 remove them from the branch`
  );
  return inRuns;
}

// src/action/main.ts
async function run(deps) {
  try {
    const inputs = readInputs(deps.getInput);
    const ctx = readContext(deps.env);
    if (inputs.mode === "comment") await commentMode(inputs, ctx, deps);
    else await gateOrProduce(inputs, ctx, deps);
  } catch (e) {
    const debug2 = !!deps.env.ACTIONS_STEP_DEBUG || deps.env.RUNNER_DEBUG === "1";
    if (isUsageError(e)) deps.setFailed(e.message);
    else
      deps.setFailed(
        `internal error: ${e.message}${debug2 ? `
${e.stack}` : " (re-run with debug logging for details)"}`
      );
  }
}
function readContext(env) {
  let owner, repo;
  try {
    ;
    ({ owner, repo } = parseRepository(env.GITHUB_REPOSITORY));
  } catch (e) {
    throw new UsageError(e.message);
  }
  let payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    } catch (e) {
      throw new UsageError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${e.message}`);
    }
  }
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const runId = Number(env.GITHUB_RUN_ID || 0);
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME || "",
    payload,
    sha: env.GITHUB_SHA || "",
    runId,
    links: {
      repoUrl: `${server}/${owner}/${repo}`,
      ...runId ? { runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}` } : {}
    },
    apiUrl: env.GITHUB_API_URL,
    tempDir: env.RUNNER_TEMP || tmpdir3(),
    defaultKey: [env.GITHUB_WORKFLOW, env.GITHUB_JOB].filter(Boolean).join("/") || "default"
  };
}
async function gateOrProduce(inputs, ctx, deps) {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const step = await setUp(inputs, ctx, deps);
  const sides = await resolveSides(step);
  const gateInputs = await loadGateInputs(step);
  const gatheredAt = now();
  const outcome = await gather(step, sides, gateInputs.registry);
  const gatherMs = now() - gatheredAt;
  const headWhy = headSamplesWhy(outcome);
  if (inputs.mode === "produce") {
    await uploadSideArtifacts(step, outcome);
    deps.setOutput("head", sides.head.label);
    if (sides.resolved) deps.setOutput("baseline", sides.resolved.base.label);
    if (headWhy) noData(headWhy, inputs, deps);
    return;
  }
  let c = await gate(step, sides, gateInputs, headWhy);
  if (inputs.rule === "sequential")
    c = await topUpRounds(step, sides, gateInputs, outcome, c, { startedAt, gatherMs, now });
  await publish(step, c, sides, outcome);
  conclude(c, inputs, deps);
}
async function setUp(inputs, ctx, deps) {
  const { log, env } = deps;
  const octokit = inputs.token ? (deps.github ?? defaultGitHub(ctx, log))(inputs.token) : void 0;
  return {
    inputs,
    ctx,
    deps,
    log,
    key: inputs.commentKey || ctx.defaultKey,
    poolDir: path3.resolve(ctx.workspace, inputs.poolDir),
    pr: pullRequestFromPayload(ctx.payload, `${ctx.owner}/${ctx.repo}`),
    octokit,
    client: inputs.upload || octokit ? await deps.artifactClient().catch(() => void 0) : void 0,
    canUpload: !!(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL),
    uploaded: /* @__PURE__ */ new Set(),
    sidesCurrent: false
  };
}
async function resolveSides({ inputs, ctx, deps, log, pr }) {
  const env = deps.env;
  const explicitBase = !!(inputs.base || inputs.baseRef || env.GITHUB_BASE_REF?.trim());
  let resolved = null;
  if (inputs.mode === "gate" || explicitBase) {
    resolved = await resolveBaseline({
      cwd: ctx.workspace,
      base: inputs.base || void 0,
      baseRef: inputs.baseRef || void 0,
      defaultBranch: inputs.defaultBranch,
      env,
      deepen: true
    });
    log.info(`perf-delta: candidate HEAD ${resolved.head.label} vs baseline ${resolved.base.label}`);
    log.info(`  baseline: ${resolved.how}`);
  }
  const headSha = resolved?.head.sha ?? await headOf(ctx.workspace);
  if (pr && headSha !== pr.headSha)
    throw new UsageError(
      `HEAD is ${headSha.slice(0, 7)}, not the pull request's head ${pr.headSha.slice(0, 7)} (actions/checkout checks out GitHub's merge commit by default)`,
      "check out the head: `uses: actions/checkout@v5` with `ref: ${{ github.event.pull_request.head.sha }}` and `fetch-depth: 0`"
    );
  return {
    resolved,
    head: resolved?.head ?? { ...labelOf(headSha, false), dirty: false },
    // Earlier runs of this PR were recorded under its head SHA (the checkout may be the merge commit).
    headRunSha: pr?.headSha ?? (ctx.sha || headSha)
  };
}
async function loadGateInputs({ inputs, ctx, deps, log }) {
  const { registry, warning: warning2 } = await loadRegistry(inputs.registry, deps.env);
  if (warning2) log.warning(warning2);
  const mustFail = parseMustFail(inputs.mustFail, registry, true);
  const policyFile = inputs.policy ? path3.resolve(ctx.workspace, inputs.policy) : void 0;
  return { registry, mustFail, policy: await loadPolicy(inputs.threshold, policyFile, registry) };
}
async function gather(step, sides, registry) {
  const { inputs, ctx, deps, log, pr, octokit, client } = step;
  const needs = [];
  if (sides.resolved)
    needs.push({
      side: "baseline",
      commit: sides.resolved.base,
      // A push run of the baseline commit (mode: produce on the default branch), else this PR's
      // own earlier runs, which uploaded the baseline they produced under the PR's head SHA.
      runSha: sides.resolved.base.sha,
      alsoRunShas: [sides.headRunSha],
      want: inputs.runs
    });
  needs.push({
    side: "HEAD",
    commit: sides.head,
    runSha: sides.headRunSha,
    alsoRunShas: [sides.head.sha],
    ...pr?.isFork && pr.headRepoFullName ? { forkHead: { repository: pr.headRepoFullName, branch: pr.headRef } } : {},
    want: inputs.runs
  });
  const blocked = (!inputs.kernel ? "input kernel is empty (the kernel the perf runs boot)" : pr?.isFork && !inputs.allowForkProduce ? "this is a fork pull request: its code does not run on a shared KVM host unless allow-fork-produce is true" : void 0) ?? await forkApprovalBlocked(inputs, pr, octokit, ctx, log);
  const agent = inputs.produce === "never" || blocked ? void 0 : (deps.agent ?? execAgent)({
    command: inputs.agent,
    repo: ctx.workspace,
    filter: inputs.filter,
    allowUntrusted: inputs.allowForkProduce,
    cacheStore: !pr?.isFork,
    secrets: [inputs.token],
    log,
    env: deps.env
  });
  if (agent) step.agent = agent;
  const outcome = await gatherSamples(needs, {
    poolDir: step.poolDir,
    checkout: ctx.workspace,
    kernel: inputs.kernel,
    hostClass: inputs.hostClass,
    produce: inputs.produce,
    extraRuns: inputs.extraRuns,
    registryHash: registry.hash,
    log,
    ...octokit && client ? {
      github: {
        octokit,
        client,
        token: inputs.token,
        owner: ctx.owner,
        repo: ctx.repo,
        defaultBranch: inputs.defaultBranch
      }
    } : {},
    ...agent ? { agent } : {},
    ...blocked ? { produceBlocked: blocked } : {}
  });
  for (const o of outcome)
    log.info(
      `${o.side} ${o.commit.label}: ${o.have} run(s) (pool ${o.fromPool}, artifact ${o.fromArtifact?.runs ?? 0}, produced ${o.produced})`
    );
  return outcome;
}
async function uploadSideArtifacts(step, outcome) {
  const { inputs, client, log } = step;
  if (!inputs.upload || !client || !step.canUpload) return;
  await uploadSides({
    client,
    poolDir: step.poolDir,
    sides: outcome.map((o) => ({ sha: o.commit.sha, label: o.commit.label })),
    kernel: inputs.kernel,
    // A shard's part of the perf set gets its own name (artifact names are unique per run); the
    // gate job merges the shards and uploads the union under the plain name for later runs.
    hostClass: inputs.shard ? `${inputs.hostClass}-${inputs.shard}` : inputs.hostClass,
    retentionDays: inputs.retentionDays,
    uploaded: step.uploaded,
    log
  });
  step.sidesCurrent = true;
}
async function gate(step, sides, g, headWhy) {
  const { inputs, ctx, deps } = step;
  await mkdir5(step.poolDir, { recursive: true });
  const { comparison: c } = await comparePool({
    dir: step.poolDir,
    cwd: ctx.workspace,
    env: deps.env,
    filters: { shared: {}, a: {}, b: {} },
    resolved: sides.resolved,
    registry: g.registry,
    options: {
      failThreshold: inputs.failThreshold,
      mustFail: g.mustFail,
      policy: g.policy,
      thresholdPercent: inputs.threshold !== void 0 ? Number(inputs.threshold) : null,
      policySource: inputs.policy ?? null,
      fdr: inputs.fdr,
      rule: inputs.rule,
      sequential: { maxRuns: inputs.maxRuns }
    }
  });
  if (c.verdict === "no-data" && headWhy) {
    c.notices.unshift(...c.reasons);
    c.reasons = [headWhy];
  }
  return deps.judge ? deps.judge(c) : c;
}
async function topUpRounds(step, sides, g, outcome, first, t) {
  const { inputs, log, agent } = step;
  const open2 = first.rows.filter((r2) => r2.state === "undecided").length;
  if (open2 === 0 || first.verdict !== "pass" && first.verdict !== "fail") return first;
  const produced = outcome.reduce((s, o) => s + o.produced, 0);
  const doctor = agent && produced === 0 ? await agent.doctor(step.poolDir) : null;
  const why = !agent ? outcome.find((o) => o.notProduced)?.notProduced ?? "no runner agent" : doctor && !doctor.ok ? `ktstr-agent doctor: ${doctor.why}` : null;
  if (why || !agent || !sides.resolved) {
    log.notice(`${open2} row(s) undecided (sequential rule) and no runs can be added here: ${why}`);
    return first;
  }
  const base = sides.resolved.base.sha;
  const r = await topUp({
    first,
    regate: () => gate(step, sides, g, null),
    produce: async (p) => {
      await agent.produce({
        ...p.base ? { base } : {},
        head: sides.head.sha,
        kernel: inputs.kernel,
        runs: p.add,
        add: p.add,
        filter: p.filter,
        out: step.poolDir
      });
    },
    batch: inputs.runs,
    maxRuns: inputs.maxRuns,
    budgetMs: inputs.timeBudgetMin * 6e4,
    startedAt: t.startedAt,
    now: t.now,
    firstRound: produced > 0 ? { ms: t.gatherMs, testRuns: produced * suiteSize(first) } : null,
    // Each round's runs are uploaded as it ends, so a job cancelled later still leaves them for a rerun.
    afterRound: () => uploadSideArtifacts(step, outcome),
    log
  });
  log.info(`sequential rule: ${r.rounds} top-up round(s), stopped: ${r.stopped}`);
  return r.comparison;
}
function suiteSize(c) {
  return Math.max(1, new Set(c.rows.map((r) => r.test)).size);
}
async function publish(step, c, sides, outcome) {
  const { inputs, ctx, deps, log, pr, octokit, client, key } = step;
  await log.inert(() => log.info(renderTerminal(c, { color: true })));
  for (const m of c.malformed)
    log.warning(
      `malformed sidecar skipped (${c.malformed.length} in all): ${terminalText(m.file, 300)} at ${terminalText(m.path, 200)}: ${terminalText(m.message, 300)}`
    );
  for (const n of c.notices) log.notice(n);
  const reportPath = await writeReport(c, path3.join(ctx.tempDir, "ktstr-perf-gate"), key);
  await deps.writeSummary(renderSummary(c, ctx.links)).catch((e) => log.warning(`job summary not written: ${e.message}`));
  for (const [k, v] of Object.entries(outputs(c, reportPath))) deps.setOutput(k, v);
  annotate(c, log);
  if (!step.sidesCurrent) await uploadSideArtifacts(step, outcome);
  const prNumber = pr?.number ?? (octokit ? await findPr(octokit, ctx, sides.headRunSha, log, deps.env.GITHUB_REF) : null);
  if (inputs.upload && client && step.canUpload) {
    const up = await uploadReportArtifact({
      client,
      key,
      c,
      prNumber,
      headSha: sides.headRunSha,
      retentionDays: inputs.retentionDays,
      log
    });
    if (up) await recordReport(up, deps);
  }
  if (inputs.comment === "never") return;
  if (pr?.isFork)
    log.notice(
      "fork pull request: the token is read-only, so no comment is posted from here; the report artifact carries the result and a workflow_run workflow with mode: comment posts it"
    );
  else if (prNumber && octokit) {
    const url = await postComment({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber,
      key,
      c,
      mode: inputs.comment,
      links: ctx.links,
      log
    });
    if (url) deps.setOutput("comment-url", url);
  }
}
function headSamplesWhy(outcome) {
  const h = outcome.find((o) => o.side === "HEAD");
  if (!h || h.have > 0) return null;
  return `HEAD ${h.commit.label} has no samples: none in the pool, none restored from an earlier run's artifact, none produced${h.notProduced ? ` (${h.notProduced})` : ""}`;
}
function conclude(c, inputs, deps) {
  if (c.verdict === "fail") deps.setFailed(`ktstr-perf-gate: ${c.reasons.join("; ")}`);
  else if (c.verdict === "no-data") noData(c.reasons.join("; "), inputs, deps);
  if (inputs.strict && c.malformed.length > 0)
    deps.setFailed(
      `ktstr-perf-gate: ${c.malformed.length} malformed sidecar(s) and strict: true \u2014 fix or delete them (the warnings name each)`
    );
}
function noData(why, inputs, deps) {
  if (inputs.onNoData === "fail")
    deps.setFailed(
      `ktstr-perf-gate: no data \u2014 ${why}; fix that, or set on-no-data: pass to let such runs pass`
    );
  else deps.log.warning(`ktstr-perf-gate: no data \u2014 ${why} (on-no-data: pass)`);
}
async function commentMode(inputs, ctx, deps) {
  const wr = workflowRunFromPayload(ctx.payload);
  if (!wr) {
    const problem = workflowRunProblem(ctx.payload);
    throw new UsageError(
      `mode comment runs on the workflow_run event; ${terminalText(problem ?? "no workflow run", 300)} (event ${terminalText(ctx.eventName || "unknown", 60)})`,
      ctx.eventName === "workflow_run" ? "the payload at GITHUB_EVENT_PATH should be the one GitHub wrote for this run; do not replace it" : "trigger it with `on: workflow_run: {workflows: [...], types: [completed]}`"
    );
  }
  if (!inputs.token)
    throw new UsageError("mode comment needs input github-token with pull-requests: write and actions: read");
  if (wr.headRepoFullName && wr.headRepoFullName.toLowerCase() === `${ctx.owner}/${ctx.repo}`.toLowerCase()) {
    deps.log.info(
      `run ${wr.runId} is not from a fork (${wr.headRepoFullName}); its own job posted the comment \u2014 nothing to do`
    );
    return;
  }
  const octokit = (deps.github ?? defaultGitHub(ctx, deps.log))(inputs.token);
  const client = await deps.artifactClient();
  const findBy = { token: inputs.token, owner: ctx.owner, repo: ctx.repo, runId: wr.runId };
  const keys = inputs.commentKey ? [inputs.commentKey] : await reportKeysOf(client, findBy);
  if (keys.length === 0) {
    deps.log.notice(`run ${wr.runId} left no ktstr-perf-gate report artifact; nothing to post`);
    return;
  }
  for (const key of keys) {
    let got;
    try {
      got = await downloadReport({
        client,
        findBy,
        name: reportArtifactName(key),
        parseReport: (v) => parseComparisonJson(v, `of run ${wr.runId}`)
      });
    } catch (e) {
      deps.log.warning(`not commenting: ${terminalText(e.message, 400)}`);
      continue;
    }
    if (!got) {
      deps.log.notice(`run ${wr.runId} left no report artifact ${reportArtifactName(key)}; nothing to post`);
      continue;
    }
    const pr = await commentTarget(octokit, ctx, wr, got);
    if (!pr.ok) {
      deps.log.notice(`not commenting from ${reportArtifactName(key)} of run ${wr.runId}: ${pr.reason}`);
      continue;
    }
    const url = await postComment({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber: pr.number,
      key,
      c: got.report,
      mode: inputs.comment,
      links: { ...ctx.links, runUrl: `${ctx.links.repoUrl}/actions/runs/${wr.runId}` },
      log: deps.log
    });
    if (url) deps.setOutput("comment-url", url);
    deps.setOutput("verdict", got.report.verdict);
  }
}
async function commentTarget(octokit, ctx, wr, got) {
  if (!wr.headRepoFullName || !wr.headBranch)
    return { ok: false, reason: "the triggering run names no head repository or branch (deleted fork?)" };
  if (got.headSha !== wr.headSha)
    return {
      ok: false,
      reason: `the report is for head ${got.headSha.slice(0, 7)}, the run's head is ${wr.headSha.slice(0, 7)}`
    };
  if (got.prNumber === null) return { ok: false, reason: "the report names no pull request" };
  return resolvePullRequestForRun({
    octokit,
    owner: ctx.owner,
    repo: ctx.repo,
    headSha: wr.headSha,
    headRepo: wr.headRepoFullName,
    headBranch: wr.headBranch,
    claimedNumber: got.prNumber
  });
}
async function reportKeysOf(client, f) {
  const { artifacts } = await client.listArtifacts({
    latest: true,
    findBy: { token: f.token, workflowRunId: f.runId, repositoryOwner: f.owner, repositoryName: f.repo }
  });
  const prefix = reportArtifactName("x").slice(0, -1);
  return [
    ...new Set(artifacts.filter((a) => a.name.startsWith(prefix)).map((a) => a.name.slice(prefix.length)))
  ].sort();
}
async function findPr(octokit, ctx, headSha, log, ref) {
  const headBranch = ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : void 0;
  if (!headBranch) return null;
  try {
    const r = await resolvePullRequestForRun({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      headSha,
      headRepo: `${ctx.owner}/${ctx.repo}`,
      headBranch
    });
    return r.ok ? r.number : null;
  } catch (e) {
    log.debug(`no pull request found for ${headSha.slice(0, 7)}: ${e.message}`);
    return null;
  }
}
async function recordReport(up, deps) {
  const digest = up.digest && !up.digest.startsWith("sha256:") ? `sha256:${up.digest}` : up.digest;
  deps.setOutput("report-artifact-id", String(up.id));
  if (digest) deps.setOutput("report-digest", digest);
  await deps.writeSummary(reportRecord({ ...up, digest })).catch(() => void 0);
}
async function forkApprovalBlocked(inputs, pr, octokit, ctx, log) {
  if (!pr?.isFork || !inputs.allowForkProduce || !inputs.forkApprovalLabel || inputs.produce === "never")
    return void 0;
  const no = "fork pull request not approved for this head";
  if (!octokit || !pr.headRepoFullName)
    return `${no}: no github-token to check label ${inputs.forkApprovalLabel}`;
  try {
    const a = await checkForkApproval({
      octokit,
      owner: ctx.owner,
      repo: ctx.repo,
      prNumber: pr.number,
      headSha: pr.headSha,
      headRepo: pr.headRepoFullName,
      label: inputs.forkApprovalLabel
    });
    if (a.ok) log.info(`fork pull request approved: ${terminalText(a.why, 300)}`);
    return a.ok ? void 0 : `${no}: ${terminalText(a.why, 300)}`;
  } catch (e) {
    return `${no}: could not read the label's history (${e.message}); the token needs pull-requests: read and actions: read`;
  }
}
function defaultGitHub(ctx, log) {
  return (token) => createGitHubClient({
    token,
    ...ctx.apiUrl ? { baseUrl: ctx.apiUrl } : {},
    retry: { log: (line) => log.info(line) }
  });
}
async function headOf(cwd) {
  const { simpleGit } = await import("./chunks/dist-BZRCGXAG.js");
  return (await simpleGit({ baseDir: cwd }).revparse(["HEAD"])).trim();
}

// src/action/index.ts
await run({
  getInput: (name) => getInput(name),
  env: process.env,
  log: coreLog,
  setOutput: (name, value) => setOutput(name, value),
  setFailed: (message) => setFailed(message),
  writeSummary: async (markdown) => {
    await summary.addRaw(markdown, true).write();
  },
  // @actions/artifact is ESM-only and reads its environment when first used: load it lazily.
  artifactClient: async () => new (await import("./chunks/artifact-L4FDVVLH.js")).DefaultArtifactClient()
});

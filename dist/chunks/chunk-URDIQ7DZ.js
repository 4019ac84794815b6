import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  ARTIFACT_DIR_PREFIX,
  DIMENSIONS,
  NONE,
  defaultPoolRoot,
  dimValue,
  external_exports,
  isUsable,
  readPool
} from "./chunk-KYU7XCGS.js";
import {
  wo
} from "./chunk-KINQAKU4.js";
import {
  getOctokit
} from "./chunk-UWWXE7EO.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-KRRRK5UV.js";

// node_modules/jstat/dist/jstat.js
var require_jstat = __commonJS({
  "node_modules/jstat/dist/jstat.js"(exports, module) {
    (function(window, factory) {
      if (typeof exports === "object") {
        module.exports = factory();
      } else if (typeof define === "function" && define.amd) {
        define(factory);
      } else {
        window.jStat = factory();
      }
    })(exports, function() {
      var jStat2 = (function(Math2, undefined2) {
        var concat = Array.prototype.concat;
        var slice = Array.prototype.slice;
        var toString = Object.prototype.toString;
        function calcRdx(n, m) {
          var val = n > m ? n : m;
          return Math2.pow(
            10,
            17 - ~~(Math2.log(val > 0 ? val : -val) * Math2.LOG10E)
          );
        }
        var isArray = Array.isArray || function isArray2(arg) {
          return toString.call(arg) === "[object Array]";
        };
        function isFunction(arg) {
          return toString.call(arg) === "[object Function]";
        }
        function isNumber(num2) {
          return typeof num2 === "number" ? num2 - num2 === 0 : false;
        }
        function toVector(arr) {
          return concat.apply([], arr);
        }
        function jStat3() {
          return new jStat3._init(arguments);
        }
        jStat3.fn = jStat3.prototype;
        jStat3._init = function _init(args) {
          if (isArray(args[0])) {
            if (isArray(args[0][0])) {
              if (isFunction(args[1]))
                args[0] = jStat3.map(args[0], args[1]);
              for (var i = 0; i < args[0].length; i++)
                this[i] = args[0][i];
              this.length = args[0].length;
            } else {
              this[0] = isFunction(args[1]) ? jStat3.map(args[0], args[1]) : args[0];
              this.length = 1;
            }
          } else if (isNumber(args[0])) {
            this[0] = jStat3.seq.apply(null, args);
            this.length = 1;
          } else if (args[0] instanceof jStat3) {
            return jStat3(args[0].toArray());
          } else {
            this[0] = [];
            this.length = 1;
          }
          return this;
        };
        jStat3._init.prototype = jStat3.prototype;
        jStat3._init.constructor = jStat3;
        jStat3.utils = {
          calcRdx,
          isArray,
          isFunction,
          isNumber,
          toVector
        };
        jStat3._random_fn = Math2.random;
        jStat3.setRandom = function setRandom(fn) {
          if (typeof fn !== "function")
            throw new TypeError("fn is not a function");
          jStat3._random_fn = fn;
        };
        jStat3.extend = function extend(obj) {
          var i, j;
          if (arguments.length === 1) {
            for (j in obj)
              jStat3[j] = obj[j];
            return this;
          }
          for (i = 1; i < arguments.length; i++) {
            for (j in arguments[i])
              obj[j] = arguments[i][j];
          }
          return obj;
        };
        jStat3.rows = function rows(arr) {
          return arr.length || 1;
        };
        jStat3.cols = function cols(arr) {
          return arr[0].length || 1;
        };
        jStat3.dimensions = function dimensions(arr) {
          return {
            rows: jStat3.rows(arr),
            cols: jStat3.cols(arr)
          };
        };
        jStat3.row = function row(arr, index) {
          if (isArray(index)) {
            return index.map(function(i) {
              return jStat3.row(arr, i);
            });
          }
          return arr[index];
        };
        jStat3.rowa = function rowa(arr, i) {
          return jStat3.row(arr, i);
        };
        jStat3.col = function col(arr, index) {
          if (isArray(index)) {
            var submat = jStat3.arange(arr.length).map(function() {
              return new Array(index.length);
            });
            index.forEach(function(ind, i2) {
              jStat3.arange(arr.length).forEach(function(j) {
                submat[j][i2] = arr[j][ind];
              });
            });
            return submat;
          }
          var column = new Array(arr.length);
          for (var i = 0; i < arr.length; i++)
            column[i] = [arr[i][index]];
          return column;
        };
        jStat3.cola = function cola(arr, i) {
          return jStat3.col(arr, i).map(function(a) {
            return a[0];
          });
        };
        jStat3.diag = function diag(arr) {
          var nrow = jStat3.rows(arr);
          var res = new Array(nrow);
          for (var row = 0; row < nrow; row++)
            res[row] = [arr[row][row]];
          return res;
        };
        jStat3.antidiag = function antidiag(arr) {
          var nrow = jStat3.rows(arr) - 1;
          var res = new Array(nrow);
          for (var i = 0; nrow >= 0; nrow--, i++)
            res[i] = [arr[i][nrow]];
          return res;
        };
        jStat3.transpose = function transpose(arr) {
          var obj = [];
          var objArr, rows, cols, j, i;
          if (!isArray(arr[0]))
            arr = [arr];
          rows = arr.length;
          cols = arr[0].length;
          for (i = 0; i < cols; i++) {
            objArr = new Array(rows);
            for (j = 0; j < rows; j++)
              objArr[j] = arr[j][i];
            obj.push(objArr);
          }
          return obj.length === 1 ? obj[0] : obj;
        };
        jStat3.map = function map(arr, func, toAlter) {
          var row, nrow, ncol, res, col;
          if (!isArray(arr[0]))
            arr = [arr];
          nrow = arr.length;
          ncol = arr[0].length;
          res = toAlter ? arr : new Array(nrow);
          for (row = 0; row < nrow; row++) {
            if (!res[row])
              res[row] = new Array(ncol);
            for (col = 0; col < ncol; col++)
              res[row][col] = func(arr[row][col], row, col);
          }
          return res.length === 1 ? res[0] : res;
        };
        jStat3.cumreduce = function cumreduce(arr, func, toAlter) {
          var row, nrow, ncol, res, col;
          if (!isArray(arr[0]))
            arr = [arr];
          nrow = arr.length;
          ncol = arr[0].length;
          res = toAlter ? arr : new Array(nrow);
          for (row = 0; row < nrow; row++) {
            if (!res[row])
              res[row] = new Array(ncol);
            if (ncol > 0)
              res[row][0] = arr[row][0];
            for (col = 1; col < ncol; col++)
              res[row][col] = func(res[row][col - 1], arr[row][col]);
          }
          return res.length === 1 ? res[0] : res;
        };
        jStat3.alter = function alter(arr, func) {
          return jStat3.map(arr, func, true);
        };
        jStat3.create = function create(rows, cols, func) {
          var res = new Array(rows);
          var i, j;
          if (isFunction(cols)) {
            func = cols;
            cols = rows;
          }
          for (i = 0; i < rows; i++) {
            res[i] = new Array(cols);
            for (j = 0; j < cols; j++)
              res[i][j] = func(i, j);
          }
          return res;
        };
        function retZero() {
          return 0;
        }
        jStat3.zeros = function zeros(rows, cols) {
          if (!isNumber(cols))
            cols = rows;
          return jStat3.create(rows, cols, retZero);
        };
        function retOne() {
          return 1;
        }
        jStat3.ones = function ones(rows, cols) {
          if (!isNumber(cols))
            cols = rows;
          return jStat3.create(rows, cols, retOne);
        };
        jStat3.rand = function rand(rows, cols) {
          if (!isNumber(cols))
            cols = rows;
          return jStat3.create(rows, cols, jStat3._random_fn);
        };
        function retIdent(i, j) {
          return i === j ? 1 : 0;
        }
        jStat3.identity = function identity(rows, cols) {
          if (!isNumber(cols))
            cols = rows;
          return jStat3.create(rows, cols, retIdent);
        };
        jStat3.symmetric = function symmetric(arr) {
          var size = arr.length;
          var row, col;
          if (arr.length !== arr[0].length)
            return false;
          for (row = 0; row < size; row++) {
            for (col = 0; col < size; col++)
              if (arr[col][row] !== arr[row][col])
                return false;
          }
          return true;
        };
        jStat3.clear = function clear(arr) {
          return jStat3.alter(arr, retZero);
        };
        jStat3.seq = function seq(min, max, length, func) {
          if (!isFunction(func))
            func = false;
          var arr = [];
          var hival = calcRdx(min, max);
          var step = (max * hival - min * hival) / ((length - 1) * hival);
          var current = min;
          var cnt;
          for (cnt = 0; current <= max && cnt < length; cnt++, current = (min * hival + step * hival * cnt) / hival) {
            arr.push(func ? func(current, cnt) : current);
          }
          return arr;
        };
        jStat3.arange = function arange(start, end, step) {
          var rl = [];
          var i;
          step = step || 1;
          if (end === undefined2) {
            end = start;
            start = 0;
          }
          if (start === end || step === 0) {
            return [];
          }
          if (start < end && step < 0) {
            return [];
          }
          if (start > end && step > 0) {
            return [];
          }
          if (step > 0) {
            for (i = start; i < end; i += step) {
              rl.push(i);
            }
          } else {
            for (i = start; i > end; i += step) {
              rl.push(i);
            }
          }
          return rl;
        };
        jStat3.slice = /* @__PURE__ */ (function() {
          function _slice(list2, start, end, step) {
            var i;
            var rl = [];
            var length = list2.length;
            if (start === undefined2 && end === undefined2 && step === undefined2) {
              return jStat3.copy(list2);
            }
            start = start || 0;
            end = end || list2.length;
            start = start >= 0 ? start : length + start;
            end = end >= 0 ? end : length + end;
            step = step || 1;
            if (start === end || step === 0) {
              return [];
            }
            if (start < end && step < 0) {
              return [];
            }
            if (start > end && step > 0) {
              return [];
            }
            if (step > 0) {
              for (i = start; i < end; i += step) {
                rl.push(list2[i]);
              }
            } else {
              for (i = start; i > end; i += step) {
                rl.push(list2[i]);
              }
            }
            return rl;
          }
          function slice2(list2, rcSlice) {
            var colSlice, rowSlice;
            rcSlice = rcSlice || {};
            if (isNumber(rcSlice.row)) {
              if (isNumber(rcSlice.col))
                return list2[rcSlice.row][rcSlice.col];
              var row = jStat3.rowa(list2, rcSlice.row);
              colSlice = rcSlice.col || {};
              return _slice(row, colSlice.start, colSlice.end, colSlice.step);
            }
            if (isNumber(rcSlice.col)) {
              var col = jStat3.cola(list2, rcSlice.col);
              rowSlice = rcSlice.row || {};
              return _slice(col, rowSlice.start, rowSlice.end, rowSlice.step);
            }
            rowSlice = rcSlice.row || {};
            colSlice = rcSlice.col || {};
            var rows = _slice(list2, rowSlice.start, rowSlice.end, rowSlice.step);
            return rows.map(function(row2) {
              return _slice(row2, colSlice.start, colSlice.end, colSlice.step);
            });
          }
          return slice2;
        })();
        jStat3.sliceAssign = function sliceAssign(A, rcSlice, B) {
          var nl, ml;
          if (isNumber(rcSlice.row)) {
            if (isNumber(rcSlice.col))
              return A[rcSlice.row][rcSlice.col] = B;
            rcSlice.col = rcSlice.col || {};
            rcSlice.col.start = rcSlice.col.start || 0;
            rcSlice.col.end = rcSlice.col.end || A[0].length;
            rcSlice.col.step = rcSlice.col.step || 1;
            nl = jStat3.arange(
              rcSlice.col.start,
              Math2.min(A.length, rcSlice.col.end),
              rcSlice.col.step
            );
            var m = rcSlice.row;
            nl.forEach(function(n2, i) {
              A[m][n2] = B[i];
            });
            return A;
          }
          if (isNumber(rcSlice.col)) {
            rcSlice.row = rcSlice.row || {};
            rcSlice.row.start = rcSlice.row.start || 0;
            rcSlice.row.end = rcSlice.row.end || A.length;
            rcSlice.row.step = rcSlice.row.step || 1;
            ml = jStat3.arange(
              rcSlice.row.start,
              Math2.min(A[0].length, rcSlice.row.end),
              rcSlice.row.step
            );
            var n = rcSlice.col;
            ml.forEach(function(m2, j) {
              A[m2][n] = B[j];
            });
            return A;
          }
          if (B[0].length === undefined2) {
            B = [B];
          }
          rcSlice.row.start = rcSlice.row.start || 0;
          rcSlice.row.end = rcSlice.row.end || A.length;
          rcSlice.row.step = rcSlice.row.step || 1;
          rcSlice.col.start = rcSlice.col.start || 0;
          rcSlice.col.end = rcSlice.col.end || A[0].length;
          rcSlice.col.step = rcSlice.col.step || 1;
          ml = jStat3.arange(
            rcSlice.row.start,
            Math2.min(A.length, rcSlice.row.end),
            rcSlice.row.step
          );
          nl = jStat3.arange(
            rcSlice.col.start,
            Math2.min(A[0].length, rcSlice.col.end),
            rcSlice.col.step
          );
          ml.forEach(function(m2, i) {
            nl.forEach(function(n2, j) {
              A[m2][n2] = B[i][j];
            });
          });
          return A;
        };
        jStat3.diagonal = function diagonal(diagArray) {
          var mat = jStat3.zeros(diagArray.length, diagArray.length);
          diagArray.forEach(function(t, i) {
            mat[i][i] = t;
          });
          return mat;
        };
        jStat3.copy = function copy(A) {
          return A.map(function(row) {
            if (isNumber(row))
              return row;
            return row.map(function(t) {
              return t;
            });
          });
        };
        var jProto = jStat3.prototype;
        jProto.length = 0;
        jProto.push = Array.prototype.push;
        jProto.sort = Array.prototype.sort;
        jProto.splice = Array.prototype.splice;
        jProto.slice = Array.prototype.slice;
        jProto.toArray = function toArray() {
          return this.length > 1 ? slice.call(this) : slice.call(this)[0];
        };
        jProto.map = function map(func, toAlter) {
          return jStat3(jStat3.map(this, func, toAlter));
        };
        jProto.cumreduce = function cumreduce(func, toAlter) {
          return jStat3(jStat3.cumreduce(this, func, toAlter));
        };
        jProto.alter = function alter(func) {
          jStat3.alter(this, func);
          return this;
        };
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jProto[passfunc] = function(func) {
              var self = this, results;
              if (func) {
                setTimeout(function() {
                  func.call(self, jProto[passfunc].call(self));
                });
                return this;
              }
              results = jStat3[passfunc](this);
              return isArray(results) ? jStat3(results) : results;
            };
          })(funcs[i]);
        })("transpose clear symmetric rows cols dimensions diag antidiag".split(" "));
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jProto[passfunc] = function(index, func) {
              var self = this;
              if (func) {
                setTimeout(function() {
                  func.call(self, jProto[passfunc].call(self, index));
                });
                return this;
              }
              return jStat3(jStat3[passfunc](this, index));
            };
          })(funcs[i]);
        })("row col".split(" "));
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jProto[passfunc] = function() {
              return jStat3(jStat3[passfunc].apply(null, arguments));
            };
          })(funcs[i]);
        })("create zeros ones rand identity".split(" "));
        return jStat3;
      })(Math);
      (function(jStat3, Math2) {
        var isFunction = jStat3.utils.isFunction;
        function ascNum(a, b) {
          return a - b;
        }
        function clip2(arg, min, max) {
          return Math2.max(min, Math2.min(arg, max));
        }
        jStat3.sum = function sum2(arr) {
          var sum3 = 0;
          var i = arr.length;
          while (--i >= 0)
            sum3 += arr[i];
          return sum3;
        };
        jStat3.sumsqrd = function sumsqrd(arr) {
          var sum2 = 0;
          var i = arr.length;
          while (--i >= 0)
            sum2 += arr[i] * arr[i];
          return sum2;
        };
        jStat3.sumsqerr = function sumsqerr(arr) {
          var mean2 = jStat3.mean(arr);
          var sum2 = 0;
          var i = arr.length;
          var tmp;
          while (--i >= 0) {
            tmp = arr[i] - mean2;
            sum2 += tmp * tmp;
          }
          return sum2;
        };
        jStat3.sumrow = function sumrow(arr) {
          var sum2 = 0;
          var i = arr.length;
          while (--i >= 0)
            sum2 += arr[i];
          return sum2;
        };
        jStat3.product = function product(arr) {
          var prod = 1;
          var i = arr.length;
          while (--i >= 0)
            prod *= arr[i];
          return prod;
        };
        jStat3.min = function min(arr) {
          var low = arr[0];
          var i = 0;
          while (++i < arr.length)
            if (arr[i] < low)
              low = arr[i];
          return low;
        };
        jStat3.max = function max(arr) {
          var high = arr[0];
          var i = 0;
          while (++i < arr.length)
            if (arr[i] > high)
              high = arr[i];
          return high;
        };
        jStat3.unique = function unique(arr) {
          var hash = {}, _arr = [];
          for (var i = 0; i < arr.length; i++) {
            if (!hash[arr[i]]) {
              hash[arr[i]] = true;
              _arr.push(arr[i]);
            }
          }
          return _arr;
        };
        jStat3.mean = function mean2(arr) {
          return jStat3.sum(arr) / arr.length;
        };
        jStat3.meansqerr = function meansqerr(arr) {
          return jStat3.sumsqerr(arr) / arr.length;
        };
        jStat3.geomean = function geomean(arr) {
          var logs = arr.map(Math2.log);
          var meanOfLogs = jStat3.mean(logs);
          return Math2.exp(meanOfLogs);
        };
        jStat3.median = function median(arr) {
          var arrlen = arr.length;
          var _arr = arr.slice().sort(ascNum);
          return !(arrlen & 1) ? (_arr[arrlen / 2 - 1] + _arr[arrlen / 2]) / 2 : _arr[arrlen / 2 | 0];
        };
        jStat3.cumsum = function cumsum(arr) {
          return jStat3.cumreduce(arr, function(a, b) {
            return a + b;
          });
        };
        jStat3.cumprod = function cumprod(arr) {
          return jStat3.cumreduce(arr, function(a, b) {
            return a * b;
          });
        };
        jStat3.diff = function diff(arr) {
          var diffs = [];
          var arrLen = arr.length;
          var i;
          for (i = 1; i < arrLen; i++)
            diffs.push(arr[i] - arr[i - 1]);
          return diffs;
        };
        jStat3.rank = function(arr) {
          var i;
          var distinctNumbers = [];
          var numberCounts = {};
          for (i = 0; i < arr.length; i++) {
            var number = arr[i];
            if (numberCounts[number]) {
              numberCounts[number]++;
            } else {
              numberCounts[number] = 1;
              distinctNumbers.push(number);
            }
          }
          var sortedDistinctNumbers = distinctNumbers.sort(ascNum);
          var numberRanks = {};
          var currentRank = 1;
          for (i = 0; i < sortedDistinctNumbers.length; i++) {
            var number = sortedDistinctNumbers[i];
            var count2 = numberCounts[number];
            var first = currentRank;
            var last = currentRank + count2 - 1;
            var rank = (first + last) / 2;
            numberRanks[number] = rank;
            currentRank += count2;
          }
          return arr.map(function(number2) {
            return numberRanks[number2];
          });
        };
        jStat3.mode = function mode(arr) {
          var arrLen = arr.length;
          var _arr = arr.slice().sort(ascNum);
          var count2 = 1;
          var maxCount = 0;
          var numMaxCount = 0;
          var mode_arr = [];
          var i;
          for (i = 0; i < arrLen; i++) {
            if (_arr[i] === _arr[i + 1]) {
              count2++;
            } else {
              if (count2 > maxCount) {
                mode_arr = [_arr[i]];
                maxCount = count2;
                numMaxCount = 0;
              } else if (count2 === maxCount) {
                mode_arr.push(_arr[i]);
                numMaxCount++;
              }
              count2 = 1;
            }
          }
          return numMaxCount === 0 ? mode_arr[0] : mode_arr;
        };
        jStat3.range = function range(arr) {
          return jStat3.max(arr) - jStat3.min(arr);
        };
        jStat3.variance = function variance(arr, flag) {
          return jStat3.sumsqerr(arr) / (arr.length - (flag ? 1 : 0));
        };
        jStat3.pooledvariance = function pooledvariance(arr) {
          var sumsqerr = arr.reduce(function(a, samples) {
            return a + jStat3.sumsqerr(samples);
          }, 0);
          var count2 = arr.reduce(function(a, samples) {
            return a + samples.length;
          }, 0);
          return sumsqerr / (count2 - arr.length);
        };
        jStat3.deviation = function(arr) {
          var mean2 = jStat3.mean(arr);
          var arrlen = arr.length;
          var dev = new Array(arrlen);
          for (var i = 0; i < arrlen; i++) {
            dev[i] = arr[i] - mean2;
          }
          return dev;
        };
        jStat3.stdev = function stdev(arr, flag) {
          return Math2.sqrt(jStat3.variance(arr, flag));
        };
        jStat3.pooledstdev = function pooledstdev(arr) {
          return Math2.sqrt(jStat3.pooledvariance(arr));
        };
        jStat3.meandev = function meandev(arr) {
          var mean2 = jStat3.mean(arr);
          var a = [];
          for (var i = arr.length - 1; i >= 0; i--) {
            a.push(Math2.abs(arr[i] - mean2));
          }
          return jStat3.mean(a);
        };
        jStat3.meddev = function meddev(arr) {
          var median = jStat3.median(arr);
          var a = [];
          for (var i = arr.length - 1; i >= 0; i--) {
            a.push(Math2.abs(arr[i] - median));
          }
          return jStat3.median(a);
        };
        jStat3.coeffvar = function coeffvar(arr) {
          return jStat3.stdev(arr) / jStat3.mean(arr);
        };
        jStat3.quartiles = function quartiles(arr) {
          var arrlen = arr.length;
          var _arr = arr.slice().sort(ascNum);
          return [
            _arr[Math2.round(arrlen / 4) - 1],
            _arr[Math2.round(arrlen / 2) - 1],
            _arr[Math2.round(arrlen * 3 / 4) - 1]
          ];
        };
        jStat3.quantiles = function quantiles(arr, quantilesArray, alphap, betap) {
          var sortedArray = arr.slice().sort(ascNum);
          var quantileVals = [quantilesArray.length];
          var n = arr.length;
          var i, p, m, aleph, k, gamma;
          if (typeof alphap === "undefined")
            alphap = 3 / 8;
          if (typeof betap === "undefined")
            betap = 3 / 8;
          for (i = 0; i < quantilesArray.length; i++) {
            p = quantilesArray[i];
            m = alphap + p * (1 - alphap - betap);
            aleph = n * p + m;
            k = Math2.floor(clip2(aleph, 1, n - 1));
            gamma = clip2(aleph - k, 0, 1);
            quantileVals[i] = (1 - gamma) * sortedArray[k - 1] + gamma * sortedArray[k];
          }
          return quantileVals;
        };
        jStat3.percentile = function percentile(arr, k, exclusive) {
          var _arr = arr.slice().sort(ascNum);
          var realIndex = k * (_arr.length + (exclusive ? 1 : -1)) + (exclusive ? 0 : 1);
          var index = parseInt(realIndex);
          var frac = realIndex - index;
          if (index + 1 < _arr.length) {
            return _arr[index - 1] + frac * (_arr[index] - _arr[index - 1]);
          } else {
            return _arr[index - 1];
          }
        };
        jStat3.percentileOfScore = function percentileOfScore(arr, score, kind) {
          var counter = 0;
          var len = arr.length;
          var strict = false;
          var value, i;
          if (kind === "strict")
            strict = true;
          for (i = 0; i < len; i++) {
            value = arr[i];
            if (strict && value < score || !strict && value <= score) {
              counter++;
            }
          }
          return counter / len;
        };
        jStat3.histogram = function histogram(arr, binCnt) {
          binCnt = binCnt || 4;
          var first = jStat3.min(arr);
          var binWidth = (jStat3.max(arr) - first) / binCnt;
          var len = arr.length;
          var bins = [];
          var i;
          for (i = 0; i < binCnt; i++)
            bins[i] = 0;
          for (i = 0; i < len; i++)
            bins[Math2.min(Math2.floor((arr[i] - first) / binWidth), binCnt - 1)] += 1;
          return bins;
        };
        jStat3.covariance = function covariance(arr1, arr2) {
          var u = jStat3.mean(arr1);
          var v = jStat3.mean(arr2);
          var arr1Len = arr1.length;
          var sq_dev = new Array(arr1Len);
          var i;
          for (i = 0; i < arr1Len; i++)
            sq_dev[i] = (arr1[i] - u) * (arr2[i] - v);
          return jStat3.sum(sq_dev) / (arr1Len - 1);
        };
        jStat3.corrcoeff = function corrcoeff(arr1, arr2) {
          return jStat3.covariance(arr1, arr2) / jStat3.stdev(arr1, 1) / jStat3.stdev(arr2, 1);
        };
        jStat3.spearmancoeff = function(arr1, arr2) {
          arr1 = jStat3.rank(arr1);
          arr2 = jStat3.rank(arr2);
          return jStat3.corrcoeff(arr1, arr2);
        };
        jStat3.stanMoment = function stanMoment(arr, n) {
          var mu = jStat3.mean(arr);
          var sigma = jStat3.stdev(arr);
          var len = arr.length;
          var skewSum = 0;
          for (var i = 0; i < len; i++)
            skewSum += Math2.pow((arr[i] - mu) / sigma, n);
          return skewSum / arr.length;
        };
        jStat3.skewness = function skewness(arr) {
          return jStat3.stanMoment(arr, 3);
        };
        jStat3.kurtosis = function kurtosis(arr) {
          return jStat3.stanMoment(arr, 4) - 3;
        };
        var jProto = jStat3.prototype;
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jProto[passfunc] = function(fullbool, func) {
              var arr = [];
              var i2 = 0;
              var tmpthis = this;
              if (isFunction(fullbool)) {
                func = fullbool;
                fullbool = false;
              }
              if (func) {
                setTimeout(function() {
                  func.call(tmpthis, jProto[passfunc].call(tmpthis, fullbool));
                });
                return this;
              }
              if (this.length > 1) {
                tmpthis = fullbool === true ? this : this.transpose();
                for (; i2 < tmpthis.length; i2++)
                  arr[i2] = jStat3[passfunc](tmpthis[i2]);
                return arr;
              }
              return jStat3[passfunc](this[0], fullbool);
            };
          })(funcs[i]);
        })("cumsum cumprod".split(" "));
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jProto[passfunc] = function(fullbool, func) {
              var arr = [];
              var i2 = 0;
              var tmpthis = this;
              if (isFunction(fullbool)) {
                func = fullbool;
                fullbool = false;
              }
              if (func) {
                setTimeout(function() {
                  func.call(tmpthis, jProto[passfunc].call(tmpthis, fullbool));
                });
                return this;
              }
              if (this.length > 1) {
                if (passfunc !== "sumrow")
                  tmpthis = fullbool === true ? this : this.transpose();
                for (; i2 < tmpthis.length; i2++)
                  arr[i2] = jStat3[passfunc](tmpthis[i2]);
                return fullbool === true ? jStat3[passfunc](jStat3.utils.toVector(arr)) : arr;
              }
              return jStat3[passfunc](this[0], fullbool);
            };
          })(funcs[i]);
        })("sum sumsqrd sumsqerr sumrow product min max unique mean meansqerr geomean median diff rank mode range variance deviation stdev meandev meddev coeffvar quartiles histogram skewness kurtosis".split(" "));
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jProto[passfunc] = function() {
              var arr = [];
              var i2 = 0;
              var tmpthis = this;
              var args = Array.prototype.slice.call(arguments);
              var callbackFunction;
              if (isFunction(args[args.length - 1])) {
                callbackFunction = args[args.length - 1];
                var argsToPass = args.slice(0, args.length - 1);
                setTimeout(function() {
                  callbackFunction.call(
                    tmpthis,
                    jProto[passfunc].apply(tmpthis, argsToPass)
                  );
                });
                return this;
              } else {
                callbackFunction = void 0;
                var curriedFunction = function curriedFunction2(vector) {
                  return jStat3[passfunc].apply(tmpthis, [vector].concat(args));
                };
              }
              if (this.length > 1) {
                tmpthis = tmpthis.transpose();
                for (; i2 < tmpthis.length; i2++)
                  arr[i2] = curriedFunction(tmpthis[i2]);
                return arr;
              }
              return curriedFunction(this[0]);
            };
          })(funcs[i]);
        })("quantiles percentileOfScore".split(" "));
      })(jStat2, Math);
      (function(jStat3, Math2) {
        jStat3.gammaln = function gammaln(x) {
          var j = 0;
          var cof = [
            76.18009172947146,
            -86.50532032941678,
            24.01409824083091,
            -1.231739572450155,
            0.001208650973866179,
            -5395239384953e-18
          ];
          var ser = 1.000000000190015;
          var xx, y, tmp;
          tmp = (y = xx = x) + 5.5;
          tmp -= (xx + 0.5) * Math2.log(tmp);
          for (; j < 6; j++)
            ser += cof[j] / ++y;
          return Math2.log(2.5066282746310007 * ser / xx) - tmp;
        };
        jStat3.loggam = function loggam(x) {
          var x0, x2, xp, gl, gl0;
          var k, n;
          var a = [
            0.08333333333333333,
            -0.002777777777777778,
            7936507936507937e-19,
            -5952380952380952e-19,
            8417508417508418e-19,
            -0.001917526917526918,
            0.00641025641025641,
            -0.02955065359477124,
            0.1796443723688307,
            -1.3924322169059
          ];
          x0 = x;
          n = 0;
          if (x == 1 || x == 2) {
            return 0;
          }
          if (x <= 7) {
            n = Math2.floor(7 - x);
            x0 = x + n;
          }
          x2 = 1 / (x0 * x0);
          xp = 2 * Math2.PI;
          gl0 = a[9];
          for (k = 8; k >= 0; k--) {
            gl0 *= x2;
            gl0 += a[k];
          }
          gl = gl0 / x0 + 0.5 * Math2.log(xp) + (x0 - 0.5) * Math2.log(x0) - x0;
          if (x <= 7) {
            for (k = 1; k <= n; k++) {
              gl -= Math2.log(x0 - 1);
              x0 -= 1;
            }
          }
          return gl;
        };
        jStat3.gammafn = function gammafn(x) {
          var p = [
            -1.716185138865495,
            24.76565080557592,
            -379.80425647094563,
            629.3311553128184,
            866.9662027904133,
            -31451.272968848367,
            -36144.413418691176,
            66456.14382024054
          ];
          var q = [
            -30.8402300119739,
            315.35062697960416,
            -1015.1563674902192,
            -3107.771671572311,
            22538.11842098015,
            4755.846277527881,
            -134659.9598649693,
            -115132.2596755535
          ];
          var fact = false;
          var n = 0;
          var xden = 0;
          var xnum = 0;
          var y = x;
          var i, z, yi, res;
          if (x > 171.6243769536076) {
            return Infinity;
          }
          if (y <= 0) {
            res = y % 1 + 36e-17;
            if (res) {
              fact = (!(y & 1) ? 1 : -1) * Math2.PI / Math2.sin(Math2.PI * res);
              y = 1 - y;
            } else {
              return Infinity;
            }
          }
          yi = y;
          if (y < 1) {
            z = y++;
          } else {
            z = (y -= n = (y | 0) - 1) - 1;
          }
          for (i = 0; i < 8; ++i) {
            xnum = (xnum + p[i]) * z;
            xden = xden * z + q[i];
          }
          res = xnum / xden + 1;
          if (yi < y) {
            res /= yi;
          } else if (yi > y) {
            for (i = 0; i < n; ++i) {
              res *= y;
              y++;
            }
          }
          if (fact) {
            res = fact / res;
          }
          return res;
        };
        jStat3.gammap = function gammap(a, x) {
          return jStat3.lowRegGamma(a, x) * jStat3.gammafn(a);
        };
        jStat3.lowRegGamma = function lowRegGamma(a, x) {
          var aln = jStat3.gammaln(a);
          var ap = a;
          var sum2 = 1 / a;
          var del = sum2;
          var b = x + 1 - a;
          var c = 1 / 1e-30;
          var d = 1 / b;
          var h = d;
          var i = 1;
          var ITMAX = -~(Math2.log(a >= 1 ? a : 1 / a) * 8.5 + a * 0.4 + 17);
          var an;
          if (x < 0 || a <= 0) {
            return NaN;
          } else if (x < a + 1) {
            for (; i <= ITMAX; i++) {
              sum2 += del *= x / ++ap;
            }
            return sum2 * Math2.exp(-x + a * Math2.log(x) - aln);
          }
          for (; i <= ITMAX; i++) {
            an = -i * (i - a);
            b += 2;
            d = an * d + b;
            c = b + an / c;
            d = 1 / d;
            h *= d * c;
          }
          return 1 - h * Math2.exp(-x + a * Math2.log(x) - aln);
        };
        jStat3.factorialln = function factorialln(n) {
          return n < 0 ? NaN : jStat3.gammaln(n + 1);
        };
        jStat3.factorial = function factorial(n) {
          return n < 0 ? NaN : jStat3.gammafn(n + 1);
        };
        jStat3.combination = function combination(n, m) {
          return n > 170 || m > 170 ? Math2.exp(jStat3.combinationln(n, m)) : jStat3.factorial(n) / jStat3.factorial(m) / jStat3.factorial(n - m);
        };
        jStat3.combinationln = function combinationln(n, m) {
          return jStat3.factorialln(n) - jStat3.factorialln(m) - jStat3.factorialln(n - m);
        };
        jStat3.permutation = function permutation(n, m) {
          return jStat3.factorial(n) / jStat3.factorial(n - m);
        };
        jStat3.betafn = function betafn(x, y) {
          if (x <= 0 || y <= 0)
            return void 0;
          return x + y > 170 ? Math2.exp(jStat3.betaln(x, y)) : jStat3.gammafn(x) * jStat3.gammafn(y) / jStat3.gammafn(x + y);
        };
        jStat3.betaln = function betaln(x, y) {
          return jStat3.gammaln(x) + jStat3.gammaln(y) - jStat3.gammaln(x + y);
        };
        jStat3.betacf = function betacf(x, a, b) {
          var fpmin = 1e-30;
          var m = 1;
          var qab = a + b;
          var qap = a + 1;
          var qam = a - 1;
          var c = 1;
          var d = 1 - qab * x / qap;
          var m2, aa, del, h;
          if (Math2.abs(d) < fpmin)
            d = fpmin;
          d = 1 / d;
          h = d;
          for (; m <= 100; m++) {
            m2 = 2 * m;
            aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math2.abs(d) < fpmin)
              d = fpmin;
            c = 1 + aa / c;
            if (Math2.abs(c) < fpmin)
              c = fpmin;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math2.abs(d) < fpmin)
              d = fpmin;
            c = 1 + aa / c;
            if (Math2.abs(c) < fpmin)
              c = fpmin;
            d = 1 / d;
            del = d * c;
            h *= del;
            if (Math2.abs(del - 1) < 3e-7)
              break;
          }
          return h;
        };
        jStat3.gammapinv = function gammapinv(p, a) {
          var j = 0;
          var a1 = a - 1;
          var EPS = 1e-8;
          var gln = jStat3.gammaln(a);
          var x, err, t, u, pp, lna1, afac;
          if (p >= 1)
            return Math2.max(100, a + 100 * Math2.sqrt(a));
          if (p <= 0)
            return 0;
          if (a > 1) {
            lna1 = Math2.log(a1);
            afac = Math2.exp(a1 * (lna1 - 1) - gln);
            pp = p < 0.5 ? p : 1 - p;
            t = Math2.sqrt(-2 * Math2.log(pp));
            x = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
            if (p < 0.5)
              x = -x;
            x = Math2.max(
              1e-3,
              a * Math2.pow(1 - 1 / (9 * a) - x / (3 * Math2.sqrt(a)), 3)
            );
          } else {
            t = 1 - a * (0.253 + a * 0.12);
            if (p < t)
              x = Math2.pow(p / t, 1 / a);
            else
              x = 1 - Math2.log(1 - (p - t) / (1 - t));
          }
          for (; j < 12; j++) {
            if (x <= 0)
              return 0;
            err = jStat3.lowRegGamma(a, x) - p;
            if (a > 1)
              t = afac * Math2.exp(-(x - a1) + a1 * (Math2.log(x) - lna1));
            else
              t = Math2.exp(-x + a1 * Math2.log(x) - gln);
            u = err / t;
            x -= t = u / (1 - 0.5 * Math2.min(1, u * ((a - 1) / x - 1)));
            if (x <= 0)
              x = 0.5 * (x + t);
            if (Math2.abs(t) < EPS * x)
              break;
          }
          return x;
        };
        jStat3.erf = function erf(x) {
          var cof = [
            -1.3026537197817094,
            0.6419697923564902,
            0.019476473204185836,
            -0.00956151478680863,
            -946595344482036e-18,
            366839497852761e-18,
            42523324806907e-18,
            -20278578112534e-18,
            -1624290004647e-18,
            130365583558e-17,
            15626441722e-18,
            -85238095915e-18,
            6529054439e-18,
            5059343495e-18,
            -991364156e-18,
            -227365122e-18,
            96467911e-18,
            2394038e-18,
            -6886027e-18,
            894487e-18,
            313092e-18,
            -112708e-18,
            381e-18,
            7106e-18,
            -1523e-18,
            -94e-18,
            121e-18,
            -28e-18
          ];
          var j = cof.length - 1;
          var isneg = false;
          var d = 0;
          var dd = 0;
          var t, ty, tmp, res;
          if (x < 0) {
            x = -x;
            isneg = true;
          }
          t = 2 / (2 + x);
          ty = 4 * t - 2;
          for (; j > 0; j--) {
            tmp = d;
            d = ty * d - dd + cof[j];
            dd = tmp;
          }
          res = t * Math2.exp(-x * x + 0.5 * (cof[0] + ty * d) - dd);
          return isneg ? res - 1 : 1 - res;
        };
        jStat3.erfc = function erfc(x) {
          return 1 - jStat3.erf(x);
        };
        jStat3.erfcinv = function erfcinv(p) {
          var j = 0;
          var x, err, t, pp;
          if (p >= 2)
            return -100;
          if (p <= 0)
            return 100;
          pp = p < 1 ? p : 2 - p;
          t = Math2.sqrt(-2 * Math2.log(pp / 2));
          x = -0.70711 * ((2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t);
          for (; j < 2; j++) {
            err = jStat3.erfc(x) - pp;
            x += err / (1.1283791670955126 * Math2.exp(-x * x) - x * err);
          }
          return p < 1 ? x : -x;
        };
        jStat3.ibetainv = function ibetainv(p, a, b) {
          var EPS = 1e-8;
          var a1 = a - 1;
          var b1 = b - 1;
          var j = 0;
          var lna, lnb, pp, t, u, err, x, al, h, w, afac;
          if (p <= 0)
            return 0;
          if (p >= 1)
            return 1;
          if (a >= 1 && b >= 1) {
            pp = p < 0.5 ? p : 1 - p;
            t = Math2.sqrt(-2 * Math2.log(pp));
            x = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
            if (p < 0.5)
              x = -x;
            al = (x * x - 3) / 6;
            h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
            w = x * Math2.sqrt(al + h) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
            x = a / (a + b * Math2.exp(2 * w));
          } else {
            lna = Math2.log(a / (a + b));
            lnb = Math2.log(b / (a + b));
            t = Math2.exp(a * lna) / a;
            u = Math2.exp(b * lnb) / b;
            w = t + u;
            if (p < t / w)
              x = Math2.pow(a * w * p, 1 / a);
            else
              x = 1 - Math2.pow(b * w * (1 - p), 1 / b);
          }
          afac = -jStat3.gammaln(a) - jStat3.gammaln(b) + jStat3.gammaln(a + b);
          for (; j < 10; j++) {
            if (x === 0 || x === 1)
              return x;
            err = jStat3.ibeta(x, a, b) - p;
            t = Math2.exp(a1 * Math2.log(x) + b1 * Math2.log(1 - x) + afac);
            u = err / t;
            x -= t = u / (1 - 0.5 * Math2.min(1, u * (a1 / x - b1 / (1 - x))));
            if (x <= 0)
              x = 0.5 * (x + t);
            if (x >= 1)
              x = 0.5 * (x + t + 1);
            if (Math2.abs(t) < EPS * x && j > 0)
              break;
          }
          return x;
        };
        jStat3.ibeta = function ibeta(x, a, b) {
          var bt = x === 0 || x === 1 ? 0 : Math2.exp(jStat3.gammaln(a + b) - jStat3.gammaln(a) - jStat3.gammaln(b) + a * Math2.log(x) + b * Math2.log(1 - x));
          if (x < 0 || x > 1)
            return false;
          if (x < (a + 1) / (a + b + 2))
            return bt * jStat3.betacf(x, a, b) / a;
          return 1 - bt * jStat3.betacf(1 - x, b, a) / b;
        };
        jStat3.randn = function randn(n, m) {
          var u, v, x, y, q;
          if (!m)
            m = n;
          if (n)
            return jStat3.create(n, m, function() {
              return jStat3.randn();
            });
          do {
            u = jStat3._random_fn();
            v = 1.7156 * (jStat3._random_fn() - 0.5);
            x = u - 0.449871;
            y = Math2.abs(v) + 0.386595;
            q = x * x + y * (0.196 * y - 0.25472 * x);
          } while (q > 0.27597 && (q > 0.27846 || v * v > -4 * Math2.log(u) * u * u));
          return v / u;
        };
        jStat3.randg = function randg(shape, n, m) {
          var oalph = shape;
          var a1, a2, u, v, x, mat;
          if (!m)
            m = n;
          if (!shape)
            shape = 1;
          if (n) {
            mat = jStat3.zeros(n, m);
            mat.alter(function() {
              return jStat3.randg(shape);
            });
            return mat;
          }
          if (shape < 1)
            shape += 1;
          a1 = shape - 1 / 3;
          a2 = 1 / Math2.sqrt(9 * a1);
          do {
            do {
              x = jStat3.randn();
              v = 1 + a2 * x;
            } while (v <= 0);
            v = v * v * v;
            u = jStat3._random_fn();
          } while (u > 1 - 0.331 * Math2.pow(x, 4) && Math2.log(u) > 0.5 * x * x + a1 * (1 - v + Math2.log(v)));
          if (shape == oalph)
            return a1 * v;
          do {
            u = jStat3._random_fn();
          } while (u === 0);
          return Math2.pow(u, 1 / oalph) * a1 * v;
        };
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jStat3.fn[passfunc] = function() {
              return jStat3(
                jStat3.map(this, function(value) {
                  return jStat3[passfunc](value);
                })
              );
            };
          })(funcs[i]);
        })("gammaln gammafn factorial factorialln".split(" "));
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jStat3.fn[passfunc] = function() {
              return jStat3(jStat3[passfunc].apply(null, arguments));
            };
          })(funcs[i]);
        })("randn".split(" "));
      })(jStat2, Math);
      (function(jStat3, Math2) {
        (function(list2) {
          for (var i = 0; i < list2.length; i++) (function(func) {
            jStat3[func] = function f(a, b, c) {
              if (!(this instanceof f))
                return new f(a, b, c);
              this._a = a;
              this._b = b;
              this._c = c;
              return this;
            };
            jStat3.fn[func] = function(a, b, c) {
              var newthis = jStat3[func](a, b, c);
              newthis.data = this;
              return newthis;
            };
            jStat3[func].prototype.sample = function(arr) {
              var a = this._a;
              var b = this._b;
              var c = this._c;
              if (arr)
                return jStat3.alter(arr, function() {
                  return jStat3[func].sample(a, b, c);
                });
              else
                return jStat3[func].sample(a, b, c);
            };
            (function(vals) {
              for (var i2 = 0; i2 < vals.length; i2++) (function(fnfunc) {
                jStat3[func].prototype[fnfunc] = function(x) {
                  var a = this._a;
                  var b = this._b;
                  var c = this._c;
                  if (!x && x !== 0)
                    x = this.data;
                  if (typeof x !== "number") {
                    return jStat3.fn.map.call(x, function(x2) {
                      return jStat3[func][fnfunc](x2, a, b, c);
                    });
                  }
                  return jStat3[func][fnfunc](x, a, b, c);
                };
              })(vals[i2]);
            })("pdf cdf inv".split(" "));
            (function(vals) {
              for (var i2 = 0; i2 < vals.length; i2++) (function(fnfunc) {
                jStat3[func].prototype[fnfunc] = function() {
                  return jStat3[func][fnfunc](this._a, this._b, this._c);
                };
              })(vals[i2]);
            })("mean median mode variance".split(" "));
          })(list2[i]);
        })("beta centralF cauchy chisquare exponential gamma invgamma kumaraswamy laplace lognormal noncentralt normal pareto studentt weibull uniform binomial negbin hypgeom poisson triangular tukey arcsine".split(" "));
        jStat3.extend(jStat3.beta, {
          pdf: function pdf(x, alpha, beta) {
            if (x > 1 || x < 0)
              return 0;
            if (alpha == 1 && beta == 1)
              return 1;
            if (alpha < 512 && beta < 512) {
              return Math2.pow(x, alpha - 1) * Math2.pow(1 - x, beta - 1) / jStat3.betafn(alpha, beta);
            } else {
              return Math2.exp((alpha - 1) * Math2.log(x) + (beta - 1) * Math2.log(1 - x) - jStat3.betaln(alpha, beta));
            }
          },
          cdf: function cdf(x, alpha, beta) {
            return x > 1 || x < 0 ? (x > 1) * 1 : jStat3.ibeta(x, alpha, beta);
          },
          inv: function inv(x, alpha, beta) {
            return jStat3.ibetainv(x, alpha, beta);
          },
          mean: function mean2(alpha, beta) {
            return alpha / (alpha + beta);
          },
          median: function median(alpha, beta) {
            return jStat3.ibetainv(0.5, alpha, beta);
          },
          mode: function mode(alpha, beta) {
            return (alpha - 1) / (alpha + beta - 2);
          },
          // return a random sample
          sample: function sample(alpha, beta) {
            var u = jStat3.randg(alpha);
            return u / (u + jStat3.randg(beta));
          },
          variance: function variance(alpha, beta) {
            return alpha * beta / (Math2.pow(alpha + beta, 2) * (alpha + beta + 1));
          }
        });
        jStat3.extend(jStat3.centralF, {
          // This implementation of the pdf function avoids float overflow
          // See the way that R calculates this value:
          // https://svn.r-project.org/R/trunk/src/nmath/df.c
          pdf: function pdf(x, df1, df2) {
            var p, q, f;
            if (x < 0)
              return 0;
            if (df1 <= 2) {
              if (x === 0 && df1 < 2) {
                return Infinity;
              }
              if (x === 0 && df1 === 2) {
                return 1;
              }
              return 1 / jStat3.betafn(df1 / 2, df2 / 2) * Math2.pow(df1 / df2, df1 / 2) * Math2.pow(x, df1 / 2 - 1) * Math2.pow(1 + df1 / df2 * x, -(df1 + df2) / 2);
            }
            p = df1 * x / (df2 + x * df1);
            q = df2 / (df2 + x * df1);
            f = df1 * q / 2;
            return f * jStat3.binomial.pdf((df1 - 2) / 2, (df1 + df2 - 2) / 2, p);
          },
          cdf: function cdf(x, df1, df2) {
            if (x < 0)
              return 0;
            return jStat3.ibeta(df1 * x / (df1 * x + df2), df1 / 2, df2 / 2);
          },
          inv: function inv(x, df1, df2) {
            return df2 / (df1 * (1 / jStat3.ibetainv(x, df1 / 2, df2 / 2) - 1));
          },
          mean: function mean2(df1, df2) {
            return df2 > 2 ? df2 / (df2 - 2) : void 0;
          },
          mode: function mode(df1, df2) {
            return df1 > 2 ? df2 * (df1 - 2) / (df1 * (df2 + 2)) : void 0;
          },
          // return a random sample
          sample: function sample(df1, df2) {
            var x1 = jStat3.randg(df1 / 2) * 2;
            var x2 = jStat3.randg(df2 / 2) * 2;
            return x1 / df1 / (x2 / df2);
          },
          variance: function variance(df1, df2) {
            if (df2 <= 4)
              return void 0;
            return 2 * df2 * df2 * (df1 + df2 - 2) / (df1 * (df2 - 2) * (df2 - 2) * (df2 - 4));
          }
        });
        jStat3.extend(jStat3.cauchy, {
          pdf: function pdf(x, local, scale) {
            if (scale < 0) {
              return 0;
            }
            return scale / (Math2.pow(x - local, 2) + Math2.pow(scale, 2)) / Math2.PI;
          },
          cdf: function cdf(x, local, scale) {
            return Math2.atan((x - local) / scale) / Math2.PI + 0.5;
          },
          inv: function(p, local, scale) {
            return local + scale * Math2.tan(Math2.PI * (p - 0.5));
          },
          median: function median(local) {
            return local;
          },
          mode: function mode(local) {
            return local;
          },
          sample: function sample(local, scale) {
            return jStat3.randn() * Math2.sqrt(1 / (2 * jStat3.randg(0.5))) * scale + local;
          }
        });
        jStat3.extend(jStat3.chisquare, {
          pdf: function pdf(x, dof) {
            if (x < 0)
              return 0;
            return x === 0 && dof === 2 ? 0.5 : Math2.exp((dof / 2 - 1) * Math2.log(x) - x / 2 - dof / 2 * Math2.log(2) - jStat3.gammaln(dof / 2));
          },
          cdf: function cdf(x, dof) {
            if (x < 0)
              return 0;
            return jStat3.lowRegGamma(dof / 2, x / 2);
          },
          inv: function(p, dof) {
            return 2 * jStat3.gammapinv(p, 0.5 * dof);
          },
          mean: function(dof) {
            return dof;
          },
          // TODO: this is an approximation (is there a better way?)
          median: function median(dof) {
            return dof * Math2.pow(1 - 2 / (9 * dof), 3);
          },
          mode: function mode(dof) {
            return dof - 2 > 0 ? dof - 2 : 0;
          },
          sample: function sample(dof) {
            return jStat3.randg(dof / 2) * 2;
          },
          variance: function variance(dof) {
            return 2 * dof;
          }
        });
        jStat3.extend(jStat3.exponential, {
          pdf: function pdf(x, rate) {
            return x < 0 ? 0 : rate * Math2.exp(-rate * x);
          },
          cdf: function cdf(x, rate) {
            return x < 0 ? 0 : 1 - Math2.exp(-rate * x);
          },
          inv: function(p, rate) {
            return -Math2.log(1 - p) / rate;
          },
          mean: function(rate) {
            return 1 / rate;
          },
          median: function(rate) {
            return 1 / rate * Math2.log(2);
          },
          mode: function mode() {
            return 0;
          },
          sample: function sample(rate) {
            return -1 / rate * Math2.log(jStat3._random_fn());
          },
          variance: function(rate) {
            return Math2.pow(rate, -2);
          }
        });
        jStat3.extend(jStat3.gamma, {
          pdf: function pdf(x, shape, scale) {
            if (x < 0)
              return 0;
            return x === 0 && shape === 1 ? 1 / scale : Math2.exp((shape - 1) * Math2.log(x) - x / scale - jStat3.gammaln(shape) - shape * Math2.log(scale));
          },
          cdf: function cdf(x, shape, scale) {
            if (x < 0)
              return 0;
            return jStat3.lowRegGamma(shape, x / scale);
          },
          inv: function(p, shape, scale) {
            return jStat3.gammapinv(p, shape) * scale;
          },
          mean: function(shape, scale) {
            return shape * scale;
          },
          mode: function mode(shape, scale) {
            if (shape > 1) return (shape - 1) * scale;
            return void 0;
          },
          sample: function sample(shape, scale) {
            return jStat3.randg(shape) * scale;
          },
          variance: function variance(shape, scale) {
            return shape * scale * scale;
          }
        });
        jStat3.extend(jStat3.invgamma, {
          pdf: function pdf(x, shape, scale) {
            if (x <= 0)
              return 0;
            return Math2.exp(-(shape + 1) * Math2.log(x) - scale / x - jStat3.gammaln(shape) + shape * Math2.log(scale));
          },
          cdf: function cdf(x, shape, scale) {
            if (x <= 0)
              return 0;
            return 1 - jStat3.lowRegGamma(shape, scale / x);
          },
          inv: function(p, shape, scale) {
            return scale / jStat3.gammapinv(1 - p, shape);
          },
          mean: function(shape, scale) {
            return shape > 1 ? scale / (shape - 1) : void 0;
          },
          mode: function mode(shape, scale) {
            return scale / (shape + 1);
          },
          sample: function sample(shape, scale) {
            return scale / jStat3.randg(shape);
          },
          variance: function variance(shape, scale) {
            if (shape <= 2)
              return void 0;
            return scale * scale / ((shape - 1) * (shape - 1) * (shape - 2));
          }
        });
        jStat3.extend(jStat3.kumaraswamy, {
          pdf: function pdf(x, alpha, beta) {
            if (x === 0 && alpha === 1)
              return beta;
            else if (x === 1 && beta === 1)
              return alpha;
            return Math2.exp(Math2.log(alpha) + Math2.log(beta) + (alpha - 1) * Math2.log(x) + (beta - 1) * Math2.log(1 - Math2.pow(x, alpha)));
          },
          cdf: function cdf(x, alpha, beta) {
            if (x < 0)
              return 0;
            else if (x > 1)
              return 1;
            return 1 - Math2.pow(1 - Math2.pow(x, alpha), beta);
          },
          inv: function inv(p, alpha, beta) {
            return Math2.pow(1 - Math2.pow(1 - p, 1 / beta), 1 / alpha);
          },
          mean: function(alpha, beta) {
            return beta * jStat3.gammafn(1 + 1 / alpha) * jStat3.gammafn(beta) / jStat3.gammafn(1 + 1 / alpha + beta);
          },
          median: function median(alpha, beta) {
            return Math2.pow(1 - Math2.pow(2, -1 / beta), 1 / alpha);
          },
          mode: function mode(alpha, beta) {
            if (!(alpha >= 1 && beta >= 1 && (alpha !== 1 && beta !== 1)))
              return void 0;
            return Math2.pow((alpha - 1) / (alpha * beta - 1), 1 / alpha);
          },
          variance: function variance() {
            throw new Error("variance not yet implemented");
          }
        });
        jStat3.extend(jStat3.lognormal, {
          pdf: function pdf(x, mu, sigma) {
            if (x <= 0)
              return 0;
            return Math2.exp(-Math2.log(x) - 0.5 * Math2.log(2 * Math2.PI) - Math2.log(sigma) - Math2.pow(Math2.log(x) - mu, 2) / (2 * sigma * sigma));
          },
          cdf: function cdf(x, mu, sigma) {
            if (x < 0)
              return 0;
            return 0.5 + 0.5 * jStat3.erf((Math2.log(x) - mu) / Math2.sqrt(2 * sigma * sigma));
          },
          inv: function(p, mu, sigma) {
            return Math2.exp(-1.4142135623730951 * sigma * jStat3.erfcinv(2 * p) + mu);
          },
          mean: function mean2(mu, sigma) {
            return Math2.exp(mu + sigma * sigma / 2);
          },
          median: function median(mu) {
            return Math2.exp(mu);
          },
          mode: function mode(mu, sigma) {
            return Math2.exp(mu - sigma * sigma);
          },
          sample: function sample(mu, sigma) {
            return Math2.exp(jStat3.randn() * sigma + mu);
          },
          variance: function variance(mu, sigma) {
            return (Math2.exp(sigma * sigma) - 1) * Math2.exp(2 * mu + sigma * sigma);
          }
        });
        jStat3.extend(jStat3.noncentralt, {
          pdf: function pdf(x, dof, ncp) {
            var tol = 1e-14;
            if (Math2.abs(ncp) < tol)
              return jStat3.studentt.pdf(x, dof);
            if (Math2.abs(x) < tol) {
              return Math2.exp(jStat3.gammaln((dof + 1) / 2) - ncp * ncp / 2 - 0.5 * Math2.log(Math2.PI * dof) - jStat3.gammaln(dof / 2));
            }
            return dof / x * (jStat3.noncentralt.cdf(x * Math2.sqrt(1 + 2 / dof), dof + 2, ncp) - jStat3.noncentralt.cdf(x, dof, ncp));
          },
          cdf: function cdf(x, dof, ncp) {
            var tol = 1e-14;
            var min_iterations = 200;
            if (Math2.abs(ncp) < tol)
              return jStat3.studentt.cdf(x, dof);
            var flip = false;
            if (x < 0) {
              flip = true;
              ncp = -ncp;
            }
            var prob = jStat3.normal.cdf(-ncp, 0, 1);
            var value = tol + 1;
            var lastvalue = value;
            var y = x * x / (x * x + dof);
            var j = 0;
            var p = Math2.exp(-ncp * ncp / 2);
            var q = Math2.exp(-ncp * ncp / 2 - 0.5 * Math2.log(2) - jStat3.gammaln(3 / 2)) * ncp;
            while (j < min_iterations || lastvalue > tol || value > tol) {
              lastvalue = value;
              if (j > 0) {
                p *= ncp * ncp / (2 * j);
                q *= ncp * ncp / (2 * (j + 1 / 2));
              }
              value = p * jStat3.beta.cdf(y, j + 0.5, dof / 2) + q * jStat3.beta.cdf(y, j + 1, dof / 2);
              prob += 0.5 * value;
              j++;
            }
            return flip ? 1 - prob : prob;
          }
        });
        jStat3.extend(jStat3.normal, {
          pdf: function pdf(x, mean2, std) {
            return Math2.exp(-0.5 * Math2.log(2 * Math2.PI) - Math2.log(std) - Math2.pow(x - mean2, 2) / (2 * std * std));
          },
          cdf: function cdf(x, mean2, std) {
            return 0.5 * (1 + jStat3.erf((x - mean2) / Math2.sqrt(2 * std * std)));
          },
          inv: function(p, mean2, std) {
            return -1.4142135623730951 * std * jStat3.erfcinv(2 * p) + mean2;
          },
          mean: function(mean2) {
            return mean2;
          },
          median: function median(mean2) {
            return mean2;
          },
          mode: function(mean2) {
            return mean2;
          },
          sample: function sample(mean2, std) {
            return jStat3.randn() * std + mean2;
          },
          variance: function(mean2, std) {
            return std * std;
          }
        });
        jStat3.extend(jStat3.pareto, {
          pdf: function pdf(x, scale, shape) {
            if (x < scale)
              return 0;
            return shape * Math2.pow(scale, shape) / Math2.pow(x, shape + 1);
          },
          cdf: function cdf(x, scale, shape) {
            if (x < scale)
              return 0;
            return 1 - Math2.pow(scale / x, shape);
          },
          inv: function inv(p, scale, shape) {
            return scale / Math2.pow(1 - p, 1 / shape);
          },
          mean: function mean2(scale, shape) {
            if (shape <= 1)
              return void 0;
            return shape * Math2.pow(scale, shape) / (shape - 1);
          },
          median: function median(scale, shape) {
            return scale * (shape * Math2.SQRT2);
          },
          mode: function mode(scale) {
            return scale;
          },
          variance: function(scale, shape) {
            if (shape <= 2)
              return void 0;
            return scale * scale * shape / (Math2.pow(shape - 1, 2) * (shape - 2));
          }
        });
        jStat3.extend(jStat3.studentt, {
          pdf: function pdf(x, dof) {
            dof = dof > 1e100 ? 1e100 : dof;
            return 1 / (Math2.sqrt(dof) * jStat3.betafn(0.5, dof / 2)) * Math2.pow(1 + x * x / dof, -((dof + 1) / 2));
          },
          cdf: function cdf(x, dof) {
            var dof2 = dof / 2;
            return jStat3.ibeta((x + Math2.sqrt(x * x + dof)) / (2 * Math2.sqrt(x * x + dof)), dof2, dof2);
          },
          inv: function(p, dof) {
            var x = jStat3.ibetainv(2 * Math2.min(p, 1 - p), 0.5 * dof, 0.5);
            x = Math2.sqrt(dof * (1 - x) / x);
            return p > 0.5 ? x : -x;
          },
          mean: function mean2(dof) {
            return dof > 1 ? 0 : void 0;
          },
          median: function median() {
            return 0;
          },
          mode: function mode() {
            return 0;
          },
          sample: function sample(dof) {
            return jStat3.randn() * Math2.sqrt(dof / (2 * jStat3.randg(dof / 2)));
          },
          variance: function variance(dof) {
            return dof > 2 ? dof / (dof - 2) : dof > 1 ? Infinity : void 0;
          }
        });
        jStat3.extend(jStat3.weibull, {
          pdf: function pdf(x, scale, shape) {
            if (x < 0 || scale < 0 || shape < 0)
              return 0;
            return shape / scale * Math2.pow(x / scale, shape - 1) * Math2.exp(-Math2.pow(x / scale, shape));
          },
          cdf: function cdf(x, scale, shape) {
            return x < 0 ? 0 : 1 - Math2.exp(-Math2.pow(x / scale, shape));
          },
          inv: function(p, scale, shape) {
            return scale * Math2.pow(-Math2.log(1 - p), 1 / shape);
          },
          mean: function(scale, shape) {
            return scale * jStat3.gammafn(1 + 1 / shape);
          },
          median: function median(scale, shape) {
            return scale * Math2.pow(Math2.log(2), 1 / shape);
          },
          mode: function mode(scale, shape) {
            if (shape <= 1)
              return 0;
            return scale * Math2.pow((shape - 1) / shape, 1 / shape);
          },
          sample: function sample(scale, shape) {
            return scale * Math2.pow(-Math2.log(jStat3._random_fn()), 1 / shape);
          },
          variance: function variance(scale, shape) {
            return scale * scale * jStat3.gammafn(1 + 2 / shape) - Math2.pow(jStat3.weibull.mean(scale, shape), 2);
          }
        });
        jStat3.extend(jStat3.uniform, {
          pdf: function pdf(x, a, b) {
            return x < a || x > b ? 0 : 1 / (b - a);
          },
          cdf: function cdf(x, a, b) {
            if (x < a)
              return 0;
            else if (x < b)
              return (x - a) / (b - a);
            return 1;
          },
          inv: function(p, a, b) {
            return a + p * (b - a);
          },
          mean: function mean2(a, b) {
            return 0.5 * (a + b);
          },
          median: function median(a, b) {
            return jStat3.mean(a, b);
          },
          mode: function mode() {
            throw new Error("mode is not yet implemented");
          },
          sample: function sample(a, b) {
            return a / 2 + b / 2 + (b / 2 - a / 2) * (2 * jStat3._random_fn() - 1);
          },
          variance: function variance(a, b) {
            return Math2.pow(b - a, 2) / 12;
          }
        });
        function betinc(x, a, b, eps) {
          var a0 = 0;
          var b0 = 1;
          var a1 = 1;
          var b1 = 1;
          var m9 = 0;
          var a2 = 0;
          var c9;
          while (Math2.abs((a1 - a2) / a1) > eps) {
            a2 = a1;
            c9 = -(a + m9) * (a + b + m9) * x / (a + 2 * m9) / (a + 2 * m9 + 1);
            a0 = a1 + c9 * a0;
            b0 = b1 + c9 * b0;
            m9 = m9 + 1;
            c9 = m9 * (b - m9) * x / (a + 2 * m9 - 1) / (a + 2 * m9);
            a1 = a0 + c9 * a1;
            b1 = b0 + c9 * b1;
            a0 = a0 / b1;
            b0 = b0 / b1;
            a1 = a1 / b1;
            b1 = 1;
          }
          return a1 / a;
        }
        jStat3.extend(jStat3.binomial, {
          pdf: function pdf(k, n, p) {
            return p === 0 || p === 1 ? n * p === k ? 1 : 0 : jStat3.combination(n, k) * Math2.pow(p, k) * Math2.pow(1 - p, n - k);
          },
          cdf: function cdf(x, n, p) {
            var betacdf;
            var eps = 1e-10;
            if (x < 0)
              return 0;
            if (x >= n)
              return 1;
            if (p < 0 || p > 1 || n <= 0)
              return NaN;
            x = Math2.floor(x);
            var z = p;
            var a = x + 1;
            var b = n - x;
            var s = a + b;
            var bt = Math2.exp(jStat3.gammaln(s) - jStat3.gammaln(b) - jStat3.gammaln(a) + a * Math2.log(z) + b * Math2.log(1 - z));
            if (z < (a + 1) / (s + 2))
              betacdf = bt * betinc(z, a, b, eps);
            else
              betacdf = 1 - bt * betinc(1 - z, b, a, eps);
            return Math2.round((1 - betacdf) * (1 / eps)) / (1 / eps);
          }
        });
        jStat3.extend(jStat3.negbin, {
          pdf: function pdf(k, r, p) {
            if (k !== k >>> 0)
              return false;
            if (k < 0)
              return 0;
            return jStat3.combination(k + r - 1, r - 1) * Math2.pow(1 - p, k) * Math2.pow(p, r);
          },
          cdf: function cdf(x, r, p) {
            var sum2 = 0, k = 0;
            if (x < 0) return 0;
            for (; k <= x; k++) {
              sum2 += jStat3.negbin.pdf(k, r, p);
            }
            return sum2;
          }
        });
        jStat3.extend(jStat3.hypgeom, {
          pdf: function pdf(k, N, m, n) {
            if (k !== k | 0) {
              return false;
            } else if (k < 0 || k < m - (N - n)) {
              return 0;
            } else if (k > n || k > m) {
              return 0;
            } else if (m * 2 > N) {
              if (n * 2 > N) {
                return jStat3.hypgeom.pdf(N - m - n + k, N, N - m, N - n);
              } else {
                return jStat3.hypgeom.pdf(n - k, N, N - m, n);
              }
            } else if (n * 2 > N) {
              return jStat3.hypgeom.pdf(m - k, N, m, N - n);
            } else if (m < n) {
              return jStat3.hypgeom.pdf(k, N, n, m);
            } else {
              var scaledPDF = 1;
              var samplesDone = 0;
              for (var i = 0; i < k; i++) {
                while (scaledPDF > 1 && samplesDone < n) {
                  scaledPDF *= 1 - m / (N - samplesDone);
                  samplesDone++;
                }
                scaledPDF *= (n - i) * (m - i) / ((i + 1) * (N - m - n + i + 1));
              }
              for (; samplesDone < n; samplesDone++) {
                scaledPDF *= 1 - m / (N - samplesDone);
              }
              return Math2.min(1, Math2.max(0, scaledPDF));
            }
          },
          cdf: function cdf(x, N, m, n) {
            if (x < 0 || x < m - (N - n)) {
              return 0;
            } else if (x >= n || x >= m) {
              return 1;
            } else if (m * 2 > N) {
              if (n * 2 > N) {
                return jStat3.hypgeom.cdf(N - m - n + x, N, N - m, N - n);
              } else {
                return 1 - jStat3.hypgeom.cdf(n - x - 1, N, N - m, n);
              }
            } else if (n * 2 > N) {
              return 1 - jStat3.hypgeom.cdf(m - x - 1, N, m, N - n);
            } else if (m < n) {
              return jStat3.hypgeom.cdf(x, N, n, m);
            } else {
              var scaledCDF = 1;
              var scaledPDF = 1;
              var samplesDone = 0;
              for (var i = 0; i < x; i++) {
                while (scaledCDF > 1 && samplesDone < n) {
                  var factor = 1 - m / (N - samplesDone);
                  scaledPDF *= factor;
                  scaledCDF *= factor;
                  samplesDone++;
                }
                scaledPDF *= (n - i) * (m - i) / ((i + 1) * (N - m - n + i + 1));
                scaledCDF += scaledPDF;
              }
              for (; samplesDone < n; samplesDone++) {
                scaledCDF *= 1 - m / (N - samplesDone);
              }
              return Math2.min(1, Math2.max(0, scaledCDF));
            }
          }
        });
        jStat3.extend(jStat3.poisson, {
          pdf: function pdf(k, l) {
            if (l < 0 || k % 1 !== 0 || k < 0) {
              return 0;
            }
            return Math2.pow(l, k) * Math2.exp(-l) / jStat3.factorial(k);
          },
          cdf: function cdf(x, l) {
            var sumarr = [], k = 0;
            if (x < 0) return 0;
            for (; k <= x; k++) {
              sumarr.push(jStat3.poisson.pdf(k, l));
            }
            return jStat3.sum(sumarr);
          },
          mean: function(l) {
            return l;
          },
          variance: function(l) {
            return l;
          },
          sampleSmall: function sampleSmall(l) {
            var p = 1, k = 0, L = Math2.exp(-l);
            do {
              k++;
              p *= jStat3._random_fn();
            } while (p > L);
            return k - 1;
          },
          sampleLarge: function sampleLarge(l) {
            var lam = l;
            var k;
            var U, V, slam, loglam, a, b, invalpha, vr, us;
            slam = Math2.sqrt(lam);
            loglam = Math2.log(lam);
            b = 0.931 + 2.53 * slam;
            a = -0.059 + 0.02483 * b;
            invalpha = 1.1239 + 1.1328 / (b - 3.4);
            vr = 0.9277 - 3.6224 / (b - 2);
            while (1) {
              U = Math2.random() - 0.5;
              V = Math2.random();
              us = 0.5 - Math2.abs(U);
              k = Math2.floor((2 * a / us + b) * U + lam + 0.43);
              if (us >= 0.07 && V <= vr) {
                return k;
              }
              if (k < 0 || us < 0.013 && V > us) {
                continue;
              }
              if (Math2.log(V) + Math2.log(invalpha) - Math2.log(a / (us * us) + b) <= -lam + k * loglam - jStat3.loggam(k + 1)) {
                return k;
              }
            }
          },
          sample: function sample(l) {
            if (l < 10)
              return this.sampleSmall(l);
            else
              return this.sampleLarge(l);
          }
        });
        jStat3.extend(jStat3.triangular, {
          pdf: function pdf(x, a, b, c) {
            if (b <= a || c < a || c > b) {
              return NaN;
            } else {
              if (x < a || x > b) {
                return 0;
              } else if (x < c) {
                return 2 * (x - a) / ((b - a) * (c - a));
              } else if (x === c) {
                return 2 / (b - a);
              } else {
                return 2 * (b - x) / ((b - a) * (b - c));
              }
            }
          },
          cdf: function cdf(x, a, b, c) {
            if (b <= a || c < a || c > b)
              return NaN;
            if (x <= a)
              return 0;
            else if (x >= b)
              return 1;
            if (x <= c)
              return Math2.pow(x - a, 2) / ((b - a) * (c - a));
            else
              return 1 - Math2.pow(b - x, 2) / ((b - a) * (b - c));
          },
          inv: function inv(p, a, b, c) {
            if (b <= a || c < a || c > b) {
              return NaN;
            } else {
              if (p <= (c - a) / (b - a)) {
                return a + (b - a) * Math2.sqrt(p * ((c - a) / (b - a)));
              } else {
                return a + (b - a) * (1 - Math2.sqrt((1 - p) * (1 - (c - a) / (b - a))));
              }
            }
          },
          mean: function mean2(a, b, c) {
            return (a + b + c) / 3;
          },
          median: function median(a, b, c) {
            if (c <= (a + b) / 2) {
              return b - Math2.sqrt((b - a) * (b - c)) / Math2.sqrt(2);
            } else if (c > (a + b) / 2) {
              return a + Math2.sqrt((b - a) * (c - a)) / Math2.sqrt(2);
            }
          },
          mode: function mode(a, b, c) {
            return c;
          },
          sample: function sample(a, b, c) {
            var u = jStat3._random_fn();
            if (u < (c - a) / (b - a))
              return a + Math2.sqrt(u * (b - a) * (c - a));
            return b - Math2.sqrt((1 - u) * (b - a) * (b - c));
          },
          variance: function variance(a, b, c) {
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
          }
        });
        jStat3.extend(jStat3.arcsine, {
          pdf: function pdf(x, a, b) {
            if (b <= a) return NaN;
            return x <= a || x >= b ? 0 : 2 / Math2.PI * Math2.pow(Math2.pow(b - a, 2) - Math2.pow(2 * x - a - b, 2), -0.5);
          },
          cdf: function cdf(x, a, b) {
            if (x < a)
              return 0;
            else if (x < b)
              return 2 / Math2.PI * Math2.asin(Math2.sqrt((x - a) / (b - a)));
            return 1;
          },
          inv: function(p, a, b) {
            return a + (0.5 - 0.5 * Math2.cos(Math2.PI * p)) * (b - a);
          },
          mean: function mean2(a, b) {
            if (b <= a) return NaN;
            return (a + b) / 2;
          },
          median: function median(a, b) {
            if (b <= a) return NaN;
            return (a + b) / 2;
          },
          mode: function mode() {
            throw new Error("mode is not yet implemented");
          },
          sample: function sample(a, b) {
            return (a + b) / 2 + (b - a) / 2 * Math2.sin(2 * Math2.PI * jStat3.uniform.sample(0, 1));
          },
          variance: function variance(a, b) {
            if (b <= a) return NaN;
            return Math2.pow(b - a, 2) / 8;
          }
        });
        function laplaceSign(x) {
          return x / Math2.abs(x);
        }
        jStat3.extend(jStat3.laplace, {
          pdf: function pdf(x, mu, b) {
            return b <= 0 ? 0 : Math2.exp(-Math2.abs(x - mu) / b) / (2 * b);
          },
          cdf: function cdf(x, mu, b) {
            if (b <= 0) {
              return 0;
            }
            if (x < mu) {
              return 0.5 * Math2.exp((x - mu) / b);
            } else {
              return 1 - 0.5 * Math2.exp(-(x - mu) / b);
            }
          },
          mean: function(mu) {
            return mu;
          },
          median: function(mu) {
            return mu;
          },
          mode: function(mu) {
            return mu;
          },
          variance: function(mu, b) {
            return 2 * b * b;
          },
          sample: function sample(mu, b) {
            var u = jStat3._random_fn() - 0.5;
            return mu - b * laplaceSign(u) * Math2.log(1 - 2 * Math2.abs(u));
          }
        });
        function tukeyWprob(w, rr, cc) {
          var nleg = 12;
          var ihalf = 6;
          var C1 = -30;
          var C2 = -50;
          var C3 = 60;
          var bb = 8;
          var wlar = 3;
          var wincr1 = 2;
          var wincr2 = 3;
          var xleg = [
            0.9815606342467192,
            0.9041172563704749,
            0.7699026741943047,
            0.5873179542866175,
            0.3678314989981802,
            0.1252334085114689
          ];
          var aleg = [
            0.04717533638651183,
            0.10693932599531843,
            0.16007832854334622,
            0.20316742672306592,
            0.2334925365383548,
            0.24914704581340277
          ];
          var qsqz = w * 0.5;
          if (qsqz >= bb)
            return 1;
          var pr_w = 2 * jStat3.normal.cdf(qsqz, 0, 1, 1, 0) - 1;
          if (pr_w >= Math2.exp(C2 / cc))
            pr_w = Math2.pow(pr_w, cc);
          else
            pr_w = 0;
          var wincr;
          if (w > wlar)
            wincr = wincr1;
          else
            wincr = wincr2;
          var blb = qsqz;
          var binc = (bb - qsqz) / wincr;
          var bub = blb + binc;
          var einsum = 0;
          var cc1 = cc - 1;
          for (var wi = 1; wi <= wincr; wi++) {
            var elsum = 0;
            var a = 0.5 * (bub + blb);
            var b = 0.5 * (bub - blb);
            for (var jj = 1; jj <= nleg; jj++) {
              var j, xx;
              if (ihalf < jj) {
                j = nleg - jj + 1;
                xx = xleg[j - 1];
              } else {
                j = jj;
                xx = -xleg[j - 1];
              }
              var c = b * xx;
              var ac = a + c;
              var qexpo = ac * ac;
              if (qexpo > C3)
                break;
              var pplus = 2 * jStat3.normal.cdf(ac, 0, 1, 1, 0);
              var pminus = 2 * jStat3.normal.cdf(ac, w, 1, 1, 0);
              var rinsum = pplus * 0.5 - pminus * 0.5;
              if (rinsum >= Math2.exp(C1 / cc1)) {
                rinsum = aleg[j - 1] * Math2.exp(-(0.5 * qexpo)) * Math2.pow(rinsum, cc1);
                elsum += rinsum;
              }
            }
            elsum *= 2 * b * cc / Math2.sqrt(2 * Math2.PI);
            einsum += elsum;
            blb = bub;
            bub += binc;
          }
          pr_w += einsum;
          if (pr_w <= Math2.exp(C1 / rr))
            return 0;
          pr_w = Math2.pow(pr_w, rr);
          if (pr_w >= 1)
            return 1;
          return pr_w;
        }
        function tukeyQinv(p, c, v) {
          var p0 = 0.322232421088;
          var q0 = 0.099348462606;
          var p1 = -1;
          var q1 = 0.588581570495;
          var p2 = -0.342242088547;
          var q2 = 0.531103462366;
          var p3 = -0.204231210125;
          var q3 = 0.10353775285;
          var p4 = -453642210148e-16;
          var q4 = 0.0038560700634;
          var c1 = 0.8832;
          var c2 = 0.2368;
          var c3 = 1.214;
          var c4 = 1.208;
          var c5 = 1.4142;
          var vmax = 120;
          var ps = 0.5 - 0.5 * p;
          var yi = Math2.sqrt(Math2.log(1 / (ps * ps)));
          var t = yi + ((((yi * p4 + p3) * yi + p2) * yi + p1) * yi + p0) / ((((yi * q4 + q3) * yi + q2) * yi + q1) * yi + q0);
          if (v < vmax) t += (t * t * t + t) / v / 4;
          var q = c1 - c2 * t;
          if (v < vmax) q += -c3 / v + c4 * t / v;
          return t * (q * Math2.log(c - 1) + c5);
        }
        jStat3.extend(jStat3.tukey, {
          cdf: function cdf(q, nmeans, df) {
            var rr = 1;
            var cc = nmeans;
            var nlegq = 16;
            var ihalfq = 8;
            var eps1 = -30;
            var eps2 = 1e-14;
            var dhaf = 100;
            var dquar = 800;
            var deigh = 5e3;
            var dlarg = 25e3;
            var ulen1 = 1;
            var ulen2 = 0.5;
            var ulen3 = 0.25;
            var ulen4 = 0.125;
            var xlegq = [
              0.9894009349916499,
              0.9445750230732326,
              0.8656312023878318,
              0.755404408355003,
              0.6178762444026438,
              0.45801677765722737,
              0.2816035507792589,
              0.09501250983763744
            ];
            var alegq = [
              0.027152459411754096,
              0.062253523938647894,
              0.09515851168249279,
              0.12462897125553388,
              0.14959598881657674,
              0.16915651939500254,
              0.18260341504492358,
              0.1894506104550685
            ];
            if (q <= 0)
              return 0;
            if (df < 2 || rr < 1 || cc < 2) return NaN;
            if (!Number.isFinite(q))
              return 1;
            if (df > dlarg)
              return tukeyWprob(q, rr, cc);
            var f2 = df * 0.5;
            var f2lf = f2 * Math2.log(df) - df * Math2.log(2) - jStat3.gammaln(f2);
            var f21 = f2 - 1;
            var ff4 = df * 0.25;
            var ulen;
            if (df <= dhaf) ulen = ulen1;
            else if (df <= dquar) ulen = ulen2;
            else if (df <= deigh) ulen = ulen3;
            else ulen = ulen4;
            f2lf += Math2.log(ulen);
            var ans = 0;
            for (var i = 1; i <= 50; i++) {
              var otsum = 0;
              var twa1 = (2 * i - 1) * ulen;
              for (var jj = 1; jj <= nlegq; jj++) {
                var j, t1;
                if (ihalfq < jj) {
                  j = jj - ihalfq - 1;
                  t1 = f2lf + f21 * Math2.log(twa1 + xlegq[j] * ulen) - (xlegq[j] * ulen + twa1) * ff4;
                } else {
                  j = jj - 1;
                  t1 = f2lf + f21 * Math2.log(twa1 - xlegq[j] * ulen) + (xlegq[j] * ulen - twa1) * ff4;
                }
                var qsqz;
                if (t1 >= eps1) {
                  if (ihalfq < jj) {
                    qsqz = q * Math2.sqrt((xlegq[j] * ulen + twa1) * 0.5);
                  } else {
                    qsqz = q * Math2.sqrt((-(xlegq[j] * ulen) + twa1) * 0.5);
                  }
                  var wprb = tukeyWprob(qsqz, rr, cc);
                  var rotsum = wprb * alegq[j] * Math2.exp(t1);
                  otsum += rotsum;
                }
              }
              if (i * ulen >= 1 && otsum <= eps2)
                break;
              ans += otsum;
            }
            if (otsum > eps2) {
              throw new Error("tukey.cdf failed to converge");
            }
            if (ans > 1)
              ans = 1;
            return ans;
          },
          inv: function(p, nmeans, df) {
            var rr = 1;
            var cc = nmeans;
            var eps = 1e-4;
            var maxiter = 50;
            if (df < 2 || rr < 1 || cc < 2) return NaN;
            if (p < 0 || p > 1) return NaN;
            if (p === 0) return 0;
            if (p === 1) return Infinity;
            var x0 = tukeyQinv(p, cc, df);
            var valx0 = jStat3.tukey.cdf(x0, nmeans, df) - p;
            var x1;
            if (valx0 > 0)
              x1 = Math2.max(0, x0 - 1);
            else
              x1 = x0 + 1;
            var valx1 = jStat3.tukey.cdf(x1, nmeans, df) - p;
            var ans;
            for (var iter = 1; iter < maxiter; iter++) {
              ans = x1 - valx1 * (x1 - x0) / (valx1 - valx0);
              valx0 = valx1;
              x0 = x1;
              if (ans < 0) {
                ans = 0;
                valx1 = -p;
              }
              valx1 = jStat3.tukey.cdf(ans, nmeans, df) - p;
              x1 = ans;
              var xabs = Math2.abs(x1 - x0);
              if (xabs < eps)
                return ans;
            }
            throw new Error("tukey.inv failed to converge");
          }
        });
      })(jStat2, Math);
      (function(jStat3, Math2) {
        var push = Array.prototype.push;
        var isArray = jStat3.utils.isArray;
        function isUsable2(arg) {
          return isArray(arg) || arg instanceof jStat3;
        }
        jStat3.extend({
          // add a vector/matrix to a vector/matrix or scalar
          add: function add(arr, arg) {
            if (isUsable2(arg)) {
              if (!isUsable2(arg[0])) arg = [arg];
              return jStat3.map(arr, function(value, row, col) {
                return value + arg[row][col];
              });
            }
            return jStat3.map(arr, function(value) {
              return value + arg;
            });
          },
          // subtract a vector or scalar from the vector
          subtract: function subtract(arr, arg) {
            if (isUsable2(arg)) {
              if (!isUsable2(arg[0])) arg = [arg];
              return jStat3.map(arr, function(value, row, col) {
                return value - arg[row][col] || 0;
              });
            }
            return jStat3.map(arr, function(value) {
              return value - arg;
            });
          },
          // matrix division
          divide: function divide(arr, arg) {
            if (isUsable2(arg)) {
              if (!isUsable2(arg[0])) arg = [arg];
              return jStat3.multiply(arr, jStat3.inv(arg));
            }
            return jStat3.map(arr, function(value) {
              return value / arg;
            });
          },
          // matrix multiplication
          multiply: function multiply(arr, arg) {
            var row, col, nrescols, sum2, nrow, ncol, res, rescols;
            if (arr.length === void 0 && arg.length === void 0) {
              return arr * arg;
            }
            nrow = arr.length, ncol = arr[0].length, res = jStat3.zeros(nrow, nrescols = isUsable2(arg) ? arg[0].length : ncol), rescols = 0;
            if (isUsable2(arg)) {
              for (; rescols < nrescols; rescols++) {
                for (row = 0; row < nrow; row++) {
                  sum2 = 0;
                  for (col = 0; col < ncol; col++)
                    sum2 += arr[row][col] * arg[col][rescols];
                  res[row][rescols] = sum2;
                }
              }
              return nrow === 1 && rescols === 1 ? res[0][0] : res;
            }
            return jStat3.map(arr, function(value) {
              return value * arg;
            });
          },
          // outer([1,2,3],[4,5,6])
          // ===
          // [[1],[2],[3]] times [[4,5,6]]
          // ->
          // [[4,5,6],[8,10,12],[12,15,18]]
          outer: function outer(A, B) {
            return jStat3.multiply(A.map(function(t) {
              return [t];
            }), [B]);
          },
          // Returns the dot product of two matricies
          dot: function dot(arr, arg) {
            if (!isUsable2(arr[0])) arr = [arr];
            if (!isUsable2(arg[0])) arg = [arg];
            var left = arr[0].length === 1 && arr.length !== 1 ? jStat3.transpose(arr) : arr, right = arg[0].length === 1 && arg.length !== 1 ? jStat3.transpose(arg) : arg, res = [], row = 0, nrow = left.length, ncol = left[0].length, sum2, col;
            for (; row < nrow; row++) {
              res[row] = [];
              sum2 = 0;
              for (col = 0; col < ncol; col++)
                sum2 += left[row][col] * right[row][col];
              res[row] = sum2;
            }
            return res.length === 1 ? res[0] : res;
          },
          // raise every element by a scalar
          pow: function pow(arr, arg) {
            return jStat3.map(arr, function(value) {
              return Math2.pow(value, arg);
            });
          },
          // exponentiate every element
          exp: function exp(arr) {
            return jStat3.map(arr, function(value) {
              return Math2.exp(value);
            });
          },
          // generate the natural log of every element
          log: function exp(arr) {
            return jStat3.map(arr, function(value) {
              return Math2.log(value);
            });
          },
          // generate the absolute values of the vector
          abs: function abs(arr) {
            return jStat3.map(arr, function(value) {
              return Math2.abs(value);
            });
          },
          // computes the p-norm of the vector
          // In the case that a matrix is passed, uses the first row as the vector
          norm: function norm(arr, p) {
            var nnorm = 0, i = 0;
            if (isNaN(p)) p = 2;
            if (isUsable2(arr[0])) arr = arr[0];
            for (; i < arr.length; i++) {
              nnorm += Math2.pow(Math2.abs(arr[i]), p);
            }
            return Math2.pow(nnorm, 1 / p);
          },
          // computes the angle between two vectors in rads
          // In case a matrix is passed, this uses the first row as the vector
          angle: function angle(arr, arg) {
            return Math2.acos(jStat3.dot(arr, arg) / (jStat3.norm(arr) * jStat3.norm(arg)));
          },
          // augment one matrix by another
          // Note: this function returns a matrix, not a jStat object
          aug: function aug(a, b) {
            var newarr = [];
            var i;
            for (i = 0; i < a.length; i++) {
              newarr.push(a[i].slice());
            }
            for (i = 0; i < newarr.length; i++) {
              push.apply(newarr[i], b[i]);
            }
            return newarr;
          },
          // The inv() function calculates the inverse of a matrix
          // Create the inverse by augmenting the matrix by the identity matrix of the
          // appropriate size, and then use G-J elimination on the augmented matrix.
          inv: function inv(a) {
            var rows = a.length;
            var cols = a[0].length;
            var b = jStat3.identity(rows, cols);
            var c = jStat3.gauss_jordan(a, b);
            var result = [];
            var i = 0;
            var j;
            for (; i < rows; i++) {
              result[i] = [];
              for (j = cols; j < c[0].length; j++)
                result[i][j - cols] = c[i][j];
            }
            return result;
          },
          // calculate the determinant of a matrix
          det: function det(a) {
            if (a.length === 2) {
              return a[0][0] * a[1][1] - a[0][1] * a[1][0];
            }
            var determinant = 0;
            for (var i = 0; i < a.length; i++) {
              var submatrix = [];
              for (var row = 1; row < a.length; row++) {
                submatrix[row - 1] = [];
                for (var col = 0; col < a.length; col++) {
                  if (col < i) {
                    submatrix[row - 1][col] = a[row][col];
                  } else if (col > i) {
                    submatrix[row - 1][col - 1] = a[row][col];
                  }
                }
              }
              var sign = i % 2 ? -1 : 1;
              determinant += det(submatrix) * a[0][i] * sign;
            }
            return determinant;
          },
          gauss_elimination: function gauss_elimination(a, b) {
            var i = 0, j = 0, n = a.length, m = a[0].length, factor = 1, sum2 = 0, x = [], maug, pivot, temp, k;
            a = jStat3.aug(a, b);
            maug = a[0].length;
            for (i = 0; i < n; i++) {
              pivot = a[i][i];
              j = i;
              for (k = i + 1; k < m; k++) {
                if (pivot < Math2.abs(a[k][i])) {
                  pivot = a[k][i];
                  j = k;
                }
              }
              if (j != i) {
                for (k = 0; k < maug; k++) {
                  temp = a[i][k];
                  a[i][k] = a[j][k];
                  a[j][k] = temp;
                }
              }
              for (j = i + 1; j < n; j++) {
                factor = a[j][i] / a[i][i];
                for (k = i; k < maug; k++) {
                  a[j][k] = a[j][k] - factor * a[i][k];
                }
              }
            }
            for (i = n - 1; i >= 0; i--) {
              sum2 = 0;
              for (j = i + 1; j <= n - 1; j++) {
                sum2 = sum2 + x[j] * a[i][j];
              }
              x[i] = (a[i][maug - 1] - sum2) / a[i][i];
            }
            return x;
          },
          gauss_jordan: function gauss_jordan(a, b) {
            var m = jStat3.aug(a, b);
            var h = m.length;
            var w = m[0].length;
            var c = 0;
            var x, y, y2;
            for (y = 0; y < h; y++) {
              var maxrow = y;
              for (y2 = y + 1; y2 < h; y2++) {
                if (Math2.abs(m[y2][y]) > Math2.abs(m[maxrow][y]))
                  maxrow = y2;
              }
              var tmp = m[y];
              m[y] = m[maxrow];
              m[maxrow] = tmp;
              for (y2 = y + 1; y2 < h; y2++) {
                c = m[y2][y] / m[y][y];
                for (x = y; x < w; x++) {
                  m[y2][x] -= m[y][x] * c;
                }
              }
            }
            for (y = h - 1; y >= 0; y--) {
              c = m[y][y];
              for (y2 = 0; y2 < y; y2++) {
                for (x = w - 1; x > y - 1; x--) {
                  m[y2][x] -= m[y][x] * m[y2][y] / c;
                }
              }
              m[y][y] /= c;
              for (x = h; x < w; x++) {
                m[y][x] /= c;
              }
            }
            return m;
          },
          // solve equation
          // Ax=b
          // A is upper triangular matrix
          // A=[[1,2,3],[0,4,5],[0,6,7]]
          // b=[1,2,3]
          // triaUpSolve(A,b) // -> [2.666,0.1666,1.666]
          // if you use matrix style
          // A=[[1,2,3],[0,4,5],[0,6,7]]
          // b=[[1],[2],[3]]
          // will return [[2.666],[0.1666],[1.666]]
          triaUpSolve: function triaUpSolve(A, b) {
            var size = A[0].length;
            var x = jStat3.zeros(1, size)[0];
            var parts;
            var matrix_mode = false;
            if (b[0].length != void 0) {
              b = b.map(function(i) {
                return i[0];
              });
              matrix_mode = true;
            }
            jStat3.arange(size - 1, -1, -1).forEach(function(i) {
              parts = jStat3.arange(i + 1, size).map(function(j) {
                return x[j] * A[i][j];
              });
              x[i] = (b[i] - jStat3.sum(parts)) / A[i][i];
            });
            if (matrix_mode)
              return x.map(function(i) {
                return [i];
              });
            return x;
          },
          triaLowSolve: function triaLowSolve(A, b) {
            var size = A[0].length;
            var x = jStat3.zeros(1, size)[0];
            var parts;
            var matrix_mode = false;
            if (b[0].length != void 0) {
              b = b.map(function(i) {
                return i[0];
              });
              matrix_mode = true;
            }
            jStat3.arange(size).forEach(function(i) {
              parts = jStat3.arange(i).map(function(j) {
                return A[i][j] * x[j];
              });
              x[i] = (b[i] - jStat3.sum(parts)) / A[i][i];
            });
            if (matrix_mode)
              return x.map(function(i) {
                return [i];
              });
            return x;
          },
          // A -> [L,U]
          // A=LU
          // L is lower triangular matrix
          // U is upper triangular matrix
          lu: function lu(A) {
            var size = A.length;
            var L = jStat3.identity(size);
            var R = jStat3.zeros(A.length, A[0].length);
            var parts;
            jStat3.arange(size).forEach(function(t) {
              R[0][t] = A[0][t];
            });
            jStat3.arange(1, size).forEach(function(l) {
              jStat3.arange(l).forEach(function(i) {
                parts = jStat3.arange(i).map(function(jj) {
                  return L[l][jj] * R[jj][i];
                });
                L[l][i] = (A[l][i] - jStat3.sum(parts)) / R[i][i];
              });
              jStat3.arange(l, size).forEach(function(j) {
                parts = jStat3.arange(l).map(function(jj) {
                  return L[l][jj] * R[jj][j];
                });
                R[l][j] = A[parts.length][j] - jStat3.sum(parts);
              });
            });
            return [L, R];
          },
          // A -> T
          // A=TT'
          // T is lower triangular matrix
          cholesky: function cholesky(A) {
            var size = A.length;
            var T = jStat3.zeros(A.length, A[0].length);
            var parts;
            jStat3.arange(size).forEach(function(i) {
              parts = jStat3.arange(i).map(function(t) {
                return Math2.pow(T[i][t], 2);
              });
              T[i][i] = Math2.sqrt(A[i][i] - jStat3.sum(parts));
              jStat3.arange(i + 1, size).forEach(function(j) {
                parts = jStat3.arange(i).map(function(t) {
                  return T[i][t] * T[j][t];
                });
                T[j][i] = (A[i][j] - jStat3.sum(parts)) / T[i][i];
              });
            });
            return T;
          },
          gauss_jacobi: function gauss_jacobi(a, b, x, r) {
            var i = 0;
            var j = 0;
            var n = a.length;
            var l = [];
            var u = [];
            var d = [];
            var xv, c, h, xk;
            for (; i < n; i++) {
              l[i] = [];
              u[i] = [];
              d[i] = [];
              for (j = 0; j < n; j++) {
                if (i > j) {
                  l[i][j] = a[i][j];
                  u[i][j] = d[i][j] = 0;
                } else if (i < j) {
                  u[i][j] = a[i][j];
                  l[i][j] = d[i][j] = 0;
                } else {
                  d[i][j] = a[i][j];
                  l[i][j] = u[i][j] = 0;
                }
              }
            }
            h = jStat3.multiply(jStat3.multiply(jStat3.inv(d), jStat3.add(l, u)), -1);
            c = jStat3.multiply(jStat3.inv(d), b);
            xv = x;
            xk = jStat3.add(jStat3.multiply(h, x), c);
            i = 2;
            while (Math2.abs(jStat3.norm(jStat3.subtract(xk, xv))) > r) {
              xv = xk;
              xk = jStat3.add(jStat3.multiply(h, xv), c);
              i++;
            }
            return xk;
          },
          gauss_seidel: function gauss_seidel(a, b, x, r) {
            var i = 0;
            var n = a.length;
            var l = [];
            var u = [];
            var d = [];
            var j, xv, c, h, xk;
            for (; i < n; i++) {
              l[i] = [];
              u[i] = [];
              d[i] = [];
              for (j = 0; j < n; j++) {
                if (i > j) {
                  l[i][j] = a[i][j];
                  u[i][j] = d[i][j] = 0;
                } else if (i < j) {
                  u[i][j] = a[i][j];
                  l[i][j] = d[i][j] = 0;
                } else {
                  d[i][j] = a[i][j];
                  l[i][j] = u[i][j] = 0;
                }
              }
            }
            h = jStat3.multiply(jStat3.multiply(jStat3.inv(jStat3.add(d, l)), u), -1);
            c = jStat3.multiply(jStat3.inv(jStat3.add(d, l)), b);
            xv = x;
            xk = jStat3.add(jStat3.multiply(h, x), c);
            i = 2;
            while (Math2.abs(jStat3.norm(jStat3.subtract(xk, xv))) > r) {
              xv = xk;
              xk = jStat3.add(jStat3.multiply(h, xv), c);
              i = i + 1;
            }
            return xk;
          },
          SOR: function SOR(a, b, x, r, w) {
            var i = 0;
            var n = a.length;
            var l = [];
            var u = [];
            var d = [];
            var j, xv, c, h, xk;
            for (; i < n; i++) {
              l[i] = [];
              u[i] = [];
              d[i] = [];
              for (j = 0; j < n; j++) {
                if (i > j) {
                  l[i][j] = a[i][j];
                  u[i][j] = d[i][j] = 0;
                } else if (i < j) {
                  u[i][j] = a[i][j];
                  l[i][j] = d[i][j] = 0;
                } else {
                  d[i][j] = a[i][j];
                  l[i][j] = u[i][j] = 0;
                }
              }
            }
            h = jStat3.multiply(
              jStat3.inv(jStat3.add(d, jStat3.multiply(l, w))),
              jStat3.subtract(
                jStat3.multiply(d, 1 - w),
                jStat3.multiply(u, w)
              )
            );
            c = jStat3.multiply(jStat3.multiply(jStat3.inv(jStat3.add(
              d,
              jStat3.multiply(l, w)
            )), b), w);
            xv = x;
            xk = jStat3.add(jStat3.multiply(h, x), c);
            i = 2;
            while (Math2.abs(jStat3.norm(jStat3.subtract(xk, xv))) > r) {
              xv = xk;
              xk = jStat3.add(jStat3.multiply(h, xv), c);
              i++;
            }
            return xk;
          },
          householder: function householder(a) {
            var m = a.length;
            var n = a[0].length;
            var i = 0;
            var w = [];
            var p = [];
            var alpha, r, k, j, factor;
            for (; i < m - 1; i++) {
              alpha = 0;
              for (j = i + 1; j < n; j++)
                alpha += a[j][i] * a[j][i];
              factor = a[i + 1][i] > 0 ? -1 : 1;
              alpha = factor * Math2.sqrt(alpha);
              r = Math2.sqrt((alpha * alpha - a[i + 1][i] * alpha) / 2);
              w = jStat3.zeros(m, 1);
              w[i + 1][0] = (a[i + 1][i] - alpha) / (2 * r);
              for (k = i + 2; k < m; k++) w[k][0] = a[k][i] / (2 * r);
              p = jStat3.subtract(
                jStat3.identity(m, n),
                jStat3.multiply(jStat3.multiply(w, jStat3.transpose(w)), 2)
              );
              a = jStat3.multiply(p, jStat3.multiply(a, p));
            }
            return a;
          },
          // A -> [Q,R]
          // Q is orthogonal matrix
          // R is upper triangular
          QR: (function() {
            var sum2 = jStat3.sum;
            var range = jStat3.arange;
            function qr2(x) {
              var n = x.length;
              var p = x[0].length;
              var r = jStat3.zeros(p, p);
              x = jStat3.copy(x);
              var i, j, k;
              for (j = 0; j < p; j++) {
                r[j][j] = Math2.sqrt(sum2(range(n).map(function(i2) {
                  return x[i2][j] * x[i2][j];
                })));
                for (i = 0; i < n; i++) {
                  x[i][j] = x[i][j] / r[j][j];
                }
                for (k = j + 1; k < p; k++) {
                  r[j][k] = sum2(range(n).map(function(i2) {
                    return x[i2][j] * x[i2][k];
                  }));
                  for (i = 0; i < n; i++) {
                    x[i][k] = x[i][k] - x[i][j] * r[j][k];
                  }
                }
              }
              return [x, r];
            }
            return qr2;
          })(),
          lstsq: /* @__PURE__ */ (function() {
            function R_I(A) {
              A = jStat3.copy(A);
              var size = A.length;
              var I = jStat3.identity(size);
              jStat3.arange(size - 1, -1, -1).forEach(function(i) {
                jStat3.sliceAssign(
                  I,
                  { row: i },
                  jStat3.divide(jStat3.slice(I, { row: i }), A[i][i])
                );
                jStat3.sliceAssign(
                  A,
                  { row: i },
                  jStat3.divide(jStat3.slice(A, { row: i }), A[i][i])
                );
                jStat3.arange(i).forEach(function(j) {
                  var c = jStat3.multiply(A[j][i], -1);
                  var Aj = jStat3.slice(A, { row: j });
                  var cAi = jStat3.multiply(jStat3.slice(A, { row: i }), c);
                  jStat3.sliceAssign(A, { row: j }, jStat3.add(Aj, cAi));
                  var Ij = jStat3.slice(I, { row: j });
                  var cIi = jStat3.multiply(jStat3.slice(I, { row: i }), c);
                  jStat3.sliceAssign(I, { row: j }, jStat3.add(Ij, cIi));
                });
              });
              return I;
            }
            function qr_solve(A, b) {
              var array_mode = false;
              if (b[0].length === void 0) {
                b = b.map(function(x2) {
                  return [x2];
                });
                array_mode = true;
              }
              var QR = jStat3.QR(A);
              var Q = QR[0];
              var R = QR[1];
              var attrs = A[0].length;
              var Q1 = jStat3.slice(Q, { col: { end: attrs } });
              var R1 = jStat3.slice(R, { row: { end: attrs } });
              var RI = R_I(R1);
              var Q2 = jStat3.transpose(Q1);
              if (Q2[0].length === void 0) {
                Q2 = [Q2];
              }
              var x = jStat3.multiply(jStat3.multiply(RI, Q2), b);
              if (x.length === void 0) {
                x = [[x]];
              }
              if (array_mode)
                return x.map(function(i) {
                  return i[0];
                });
              return x;
            }
            return qr_solve;
          })(),
          jacobi: function jacobi(a) {
            var condition = 1;
            var n = a.length;
            var e = jStat3.identity(n, n);
            var ev = [];
            var b, i, j, p, q, maxim, theta, s;
            while (condition === 1) {
              maxim = a[0][1];
              p = 0;
              q = 1;
              for (i = 0; i < n; i++) {
                for (j = 0; j < n; j++) {
                  if (i != j) {
                    if (maxim < Math2.abs(a[i][j])) {
                      maxim = Math2.abs(a[i][j]);
                      p = i;
                      q = j;
                    }
                  }
                }
              }
              if (a[p][p] === a[q][q])
                theta = a[p][q] > 0 ? Math2.PI / 4 : -Math2.PI / 4;
              else
                theta = Math2.atan(2 * a[p][q] / (a[p][p] - a[q][q])) / 2;
              s = jStat3.identity(n, n);
              s[p][p] = Math2.cos(theta);
              s[p][q] = -Math2.sin(theta);
              s[q][p] = Math2.sin(theta);
              s[q][q] = Math2.cos(theta);
              e = jStat3.multiply(e, s);
              b = jStat3.multiply(jStat3.multiply(jStat3.inv(s), a), s);
              a = b;
              condition = 0;
              for (i = 1; i < n; i++) {
                for (j = 1; j < n; j++) {
                  if (i != j && Math2.abs(a[i][j]) > 1e-3) {
                    condition = 1;
                  }
                }
              }
            }
            for (i = 0; i < n; i++) ev.push(a[i][i]);
            return [e, ev];
          },
          rungekutta: function rungekutta(f, h, p, t_j, u_j, order) {
            var k1, k2, u_j1, k3, k4;
            if (order === 2) {
              while (t_j <= p) {
                k1 = h * f(t_j, u_j);
                k2 = h * f(t_j + h, u_j + k1);
                u_j1 = u_j + (k1 + k2) / 2;
                u_j = u_j1;
                t_j = t_j + h;
              }
            }
            if (order === 4) {
              while (t_j <= p) {
                k1 = h * f(t_j, u_j);
                k2 = h * f(t_j + h / 2, u_j + k1 / 2);
                k3 = h * f(t_j + h / 2, u_j + k2 / 2);
                k4 = h * f(t_j + h, u_j + k3);
                u_j1 = u_j + (k1 + 2 * k2 + 2 * k3 + k4) / 6;
                u_j = u_j1;
                t_j = t_j + h;
              }
            }
            return u_j;
          },
          romberg: function romberg(f, a, b, order) {
            var i = 0;
            var h = (b - a) / 2;
            var x = [];
            var h1 = [];
            var g = [];
            var m, a1, j, k, I;
            while (i < order / 2) {
              I = f(a);
              for (j = a, k = 0; j <= b; j = j + h, k++) x[k] = j;
              m = x.length;
              for (j = 1; j < m - 1; j++) {
                I += (j % 2 !== 0 ? 4 : 2) * f(x[j]);
              }
              I = h / 3 * (I + f(b));
              g[i] = I;
              h /= 2;
              i++;
            }
            a1 = g.length;
            m = 1;
            while (a1 !== 1) {
              for (j = 0; j < a1 - 1; j++)
                h1[j] = (Math2.pow(4, m) * g[j + 1] - g[j]) / (Math2.pow(4, m) - 1);
              a1 = h1.length;
              g = h1;
              h1 = [];
              m++;
            }
            return g;
          },
          richardson: function richardson(X, f, x, h) {
            function pos(X2, x2) {
              var i2 = 0;
              var n = X2.length;
              var p;
              for (; i2 < n; i2++)
                if (X2[i2] === x2) p = i2;
              return p;
            }
            var h_min = Math2.abs(x - X[pos(X, x) + 1]);
            var i = 0;
            var g = [];
            var h1 = [];
            var y1, y2, m, a, j;
            while (h >= h_min) {
              y1 = pos(X, x + h);
              y2 = pos(X, x);
              g[i] = (f[y1] - 2 * f[y2] + f[2 * y2 - y1]) / (h * h);
              h /= 2;
              i++;
            }
            a = g.length;
            m = 1;
            while (a != 1) {
              for (j = 0; j < a - 1; j++)
                h1[j] = (Math2.pow(4, m) * g[j + 1] - g[j]) / (Math2.pow(4, m) - 1);
              a = h1.length;
              g = h1;
              h1 = [];
              m++;
            }
            return g;
          },
          simpson: function simpson(f, a, b, n) {
            var h = (b - a) / n;
            var I = f(a);
            var x = [];
            var j = a;
            var k = 0;
            var i = 1;
            var m;
            for (; j <= b; j = j + h, k++)
              x[k] = j;
            m = x.length;
            for (; i < m - 1; i++) {
              I += (i % 2 !== 0 ? 4 : 2) * f(x[i]);
            }
            return h / 3 * (I + f(b));
          },
          hermite: function hermite(X, F, dF, value) {
            var n = X.length;
            var p = 0;
            var i = 0;
            var l = [];
            var dl = [];
            var A = [];
            var B = [];
            var j;
            for (; i < n; i++) {
              l[i] = 1;
              for (j = 0; j < n; j++) {
                if (i != j) l[i] *= (value - X[j]) / (X[i] - X[j]);
              }
              dl[i] = 0;
              for (j = 0; j < n; j++) {
                if (i != j) dl[i] += 1 / (X[i] - X[j]);
              }
              A[i] = (1 - 2 * (value - X[i]) * dl[i]) * (l[i] * l[i]);
              B[i] = (value - X[i]) * (l[i] * l[i]);
              p += A[i] * F[i] + B[i] * dF[i];
            }
            return p;
          },
          lagrange: function lagrange(X, F, value) {
            var p = 0;
            var i = 0;
            var j, l;
            var n = X.length;
            for (; i < n; i++) {
              l = F[i];
              for (j = 0; j < n; j++) {
                if (i != j) l *= (value - X[j]) / (X[i] - X[j]);
              }
              p += l;
            }
            return p;
          },
          cubic_spline: function cubic_spline(X, F, value) {
            var n = X.length;
            var i = 0, j;
            var A = [];
            var B = [];
            var alpha = [];
            var c = [];
            var h = [];
            var b = [];
            var d = [];
            for (; i < n - 1; i++)
              h[i] = X[i + 1] - X[i];
            alpha[0] = 0;
            for (i = 1; i < n - 1; i++) {
              alpha[i] = 3 / h[i] * (F[i + 1] - F[i]) - 3 / h[i - 1] * (F[i] - F[i - 1]);
            }
            for (i = 1; i < n - 1; i++) {
              A[i] = [];
              B[i] = [];
              A[i][i - 1] = h[i - 1];
              A[i][i] = 2 * (h[i - 1] + h[i]);
              A[i][i + 1] = h[i];
              B[i][0] = alpha[i];
            }
            c = jStat3.multiply(jStat3.inv(A), B);
            for (j = 0; j < n - 1; j++) {
              b[j] = (F[j + 1] - F[j]) / h[j] - h[j] * (c[j + 1][0] + 2 * c[j][0]) / 3;
              d[j] = (c[j + 1][0] - c[j][0]) / (3 * h[j]);
            }
            for (j = 0; j < n; j++) {
              if (X[j] > value) break;
            }
            j -= 1;
            return F[j] + (value - X[j]) * b[j] + jStat3.sq(value - X[j]) * c[j] + (value - X[j]) * jStat3.sq(value - X[j]) * d[j];
          },
          gauss_quadrature: function gauss_quadrature() {
            throw new Error("gauss_quadrature not yet implemented");
          },
          PCA: function PCA(X) {
            var m = X.length;
            var n = X[0].length;
            var i = 0;
            var j, temp1;
            var u = [];
            var D = [];
            var result = [];
            var temp2 = [];
            var Y = [];
            var Bt = [];
            var B = [];
            var C = [];
            var V = [];
            var Vt = [];
            for (i = 0; i < m; i++) {
              u[i] = jStat3.sum(X[i]) / n;
            }
            for (i = 0; i < n; i++) {
              B[i] = [];
              for (j = 0; j < m; j++) {
                B[i][j] = X[j][i] - u[j];
              }
            }
            B = jStat3.transpose(B);
            for (i = 0; i < m; i++) {
              C[i] = [];
              for (j = 0; j < m; j++) {
                C[i][j] = jStat3.dot([B[i]], [B[j]]) / (n - 1);
              }
            }
            result = jStat3.jacobi(C);
            V = result[0];
            D = result[1];
            Vt = jStat3.transpose(V);
            for (i = 0; i < D.length; i++) {
              for (j = i; j < D.length; j++) {
                if (D[i] < D[j]) {
                  temp1 = D[i];
                  D[i] = D[j];
                  D[j] = temp1;
                  temp2 = Vt[i];
                  Vt[i] = Vt[j];
                  Vt[j] = temp2;
                }
              }
            }
            Bt = jStat3.transpose(B);
            for (i = 0; i < m; i++) {
              Y[i] = [];
              for (j = 0; j < Bt.length; j++) {
                Y[i][j] = jStat3.dot([Vt[i]], [Bt[j]]);
              }
            }
            return [X, D, Vt, Y];
          }
        });
        (function(funcs) {
          for (var i = 0; i < funcs.length; i++) (function(passfunc) {
            jStat3.fn[passfunc] = function(arg, func) {
              var tmpthis = this;
              if (func) {
                setTimeout(function() {
                  func.call(tmpthis, jStat3.fn[passfunc].call(tmpthis, arg));
                }, 15);
                return this;
              }
              if (typeof jStat3[passfunc](this, arg) === "number")
                return jStat3[passfunc](this, arg);
              else
                return jStat3(jStat3[passfunc](this, arg));
            };
          })(funcs[i]);
        })("add divide multiply subtract dot pow exp log abs norm angle".split(" "));
      })(jStat2, Math);
      (function(jStat3, Math2) {
        var slice = [].slice;
        var isNumber = jStat3.utils.isNumber;
        var isArray = jStat3.utils.isArray;
        jStat3.extend({
          // 2 different parameter lists:
          // (value, mean, sd)
          // (value, array, flag)
          zscore: function zscore() {
            var args = slice.call(arguments);
            if (isNumber(args[1])) {
              return (args[0] - args[1]) / args[2];
            }
            return (args[0] - jStat3.mean(args[1])) / jStat3.stdev(args[1], args[2]);
          },
          // 3 different paramter lists:
          // (value, mean, sd, sides)
          // (zscore, sides)
          // (value, array, sides, flag)
          ztest: function ztest() {
            var args = slice.call(arguments);
            var z;
            if (isArray(args[1])) {
              z = jStat3.zscore(args[0], args[1], args[3]);
              return args[2] === 1 ? jStat3.normal.cdf(-Math2.abs(z), 0, 1) : jStat3.normal.cdf(-Math2.abs(z), 0, 1) * 2;
            } else {
              if (args.length > 2) {
                z = jStat3.zscore(args[0], args[1], args[2]);
                return args[3] === 1 ? jStat3.normal.cdf(-Math2.abs(z), 0, 1) : jStat3.normal.cdf(-Math2.abs(z), 0, 1) * 2;
              } else {
                z = args[0];
                return args[1] === 1 ? jStat3.normal.cdf(-Math2.abs(z), 0, 1) : jStat3.normal.cdf(-Math2.abs(z), 0, 1) * 2;
              }
            }
          }
        });
        jStat3.extend(jStat3.fn, {
          zscore: function zscore(value, flag) {
            return (value - this.mean()) / this.stdev(flag);
          },
          ztest: function ztest(value, sides, flag) {
            var zscore = Math2.abs(this.zscore(value, flag));
            return sides === 1 ? jStat3.normal.cdf(-zscore, 0, 1) : jStat3.normal.cdf(-zscore, 0, 1) * 2;
          }
        });
        jStat3.extend({
          // 2 parameter lists
          // (value, mean, sd, n)
          // (value, array)
          tscore: function tscore() {
            var args = slice.call(arguments);
            return args.length === 4 ? (args[0] - args[1]) / (args[2] / Math2.sqrt(args[3])) : (args[0] - jStat3.mean(args[1])) / (jStat3.stdev(args[1], true) / Math2.sqrt(args[1].length));
          },
          // 3 different paramter lists:
          // (value, mean, sd, n, sides)
          // (tscore, n, sides)
          // (value, array, sides)
          ttest: function ttest() {
            var args = slice.call(arguments);
            var tscore;
            if (args.length === 5) {
              tscore = Math2.abs(jStat3.tscore(args[0], args[1], args[2], args[3]));
              return args[4] === 1 ? jStat3.studentt.cdf(-tscore, args[3] - 1) : jStat3.studentt.cdf(-tscore, args[3] - 1) * 2;
            }
            if (isNumber(args[1])) {
              tscore = Math2.abs(args[0]);
              return args[2] == 1 ? jStat3.studentt.cdf(-tscore, args[1] - 1) : jStat3.studentt.cdf(-tscore, args[1] - 1) * 2;
            }
            tscore = Math2.abs(jStat3.tscore(args[0], args[1]));
            return args[2] == 1 ? jStat3.studentt.cdf(-tscore, args[1].length - 1) : jStat3.studentt.cdf(-tscore, args[1].length - 1) * 2;
          }
        });
        jStat3.extend(jStat3.fn, {
          tscore: function tscore(value) {
            return (value - this.mean()) / (this.stdev(true) / Math2.sqrt(this.cols()));
          },
          ttest: function ttest(value, sides) {
            return sides === 1 ? 1 - jStat3.studentt.cdf(Math2.abs(this.tscore(value)), this.cols() - 1) : jStat3.studentt.cdf(-Math2.abs(this.tscore(value)), this.cols() - 1) * 2;
          }
        });
        jStat3.extend({
          // Paramter list is as follows:
          // (array1, array2, array3, ...)
          // or it is an array of arrays
          // array of arrays conversion
          anovafscore: function anovafscore() {
            var args = slice.call(arguments), expVar, sample, sampMean, sampSampMean, tmpargs, unexpVar, i, j;
            if (args.length === 1) {
              tmpargs = new Array(args[0].length);
              for (i = 0; i < args[0].length; i++) {
                tmpargs[i] = args[0][i];
              }
              args = tmpargs;
            }
            sample = new Array();
            for (i = 0; i < args.length; i++) {
              sample = sample.concat(args[i]);
            }
            sampMean = jStat3.mean(sample);
            expVar = 0;
            for (i = 0; i < args.length; i++) {
              expVar = expVar + args[i].length * Math2.pow(jStat3.mean(args[i]) - sampMean, 2);
            }
            expVar /= args.length - 1;
            unexpVar = 0;
            for (i = 0; i < args.length; i++) {
              sampSampMean = jStat3.mean(args[i]);
              for (j = 0; j < args[i].length; j++) {
                unexpVar += Math2.pow(args[i][j] - sampSampMean, 2);
              }
            }
            unexpVar /= sample.length - args.length;
            return expVar / unexpVar;
          },
          // 2 different paramter setups
          // (array1, array2, array3, ...)
          // (anovafscore, df1, df2)
          anovaftest: function anovaftest() {
            var args = slice.call(arguments), df1, df2, n, i;
            if (isNumber(args[0])) {
              return 1 - jStat3.centralF.cdf(args[0], args[1], args[2]);
            }
            var anovafscore = jStat3.anovafscore(args);
            df1 = args.length - 1;
            n = 0;
            for (i = 0; i < args.length; i++) {
              n = n + args[i].length;
            }
            df2 = n - df1 - 1;
            return 1 - jStat3.centralF.cdf(anovafscore, df1, df2);
          },
          ftest: function ftest(fscore, df1, df2) {
            return 1 - jStat3.centralF.cdf(fscore, df1, df2);
          }
        });
        jStat3.extend(jStat3.fn, {
          anovafscore: function anovafscore() {
            return jStat3.anovafscore(this.toArray());
          },
          anovaftes: function anovaftes() {
            var n = 0;
            var i;
            for (i = 0; i < this.length; i++) {
              n = n + this[i].length;
            }
            return jStat3.ftest(this.anovafscore(), this.length - 1, n - this.length);
          }
        });
        jStat3.extend({
          // 2 parameter lists
          // (mean1, mean2, n1, n2, sd)
          // (array1, array2, sd)
          qscore: function qscore() {
            var args = slice.call(arguments);
            var mean1, mean2, n1, n2, sd;
            if (isNumber(args[0])) {
              mean1 = args[0];
              mean2 = args[1];
              n1 = args[2];
              n2 = args[3];
              sd = args[4];
            } else {
              mean1 = jStat3.mean(args[0]);
              mean2 = jStat3.mean(args[1]);
              n1 = args[0].length;
              n2 = args[1].length;
              sd = args[2];
            }
            return Math2.abs(mean1 - mean2) / (sd * Math2.sqrt((1 / n1 + 1 / n2) / 2));
          },
          // 3 different parameter lists:
          // (qscore, n, k)
          // (mean1, mean2, n1, n2, sd, n, k)
          // (array1, array2, sd, n, k)
          qtest: function qtest() {
            var args = slice.call(arguments);
            var qscore;
            if (args.length === 3) {
              qscore = args[0];
              args = args.slice(1);
            } else if (args.length === 7) {
              qscore = jStat3.qscore(args[0], args[1], args[2], args[3], args[4]);
              args = args.slice(5);
            } else {
              qscore = jStat3.qscore(args[0], args[1], args[2]);
              args = args.slice(3);
            }
            var n = args[0];
            var k = args[1];
            return 1 - jStat3.tukey.cdf(qscore, k, n - k);
          },
          tukeyhsd: function tukeyhsd(arrays) {
            var sd = jStat3.pooledstdev(arrays);
            var means = arrays.map(function(arr) {
              return jStat3.mean(arr);
            });
            var n = arrays.reduce(function(n2, arr) {
              return n2 + arr.length;
            }, 0);
            var results = [];
            for (var i = 0; i < arrays.length; ++i) {
              for (var j = i + 1; j < arrays.length; ++j) {
                var p = jStat3.qtest(means[i], means[j], arrays[i].length, arrays[j].length, sd, n, arrays.length);
                results.push([[i, j], p]);
              }
            }
            return results;
          }
        });
        jStat3.extend({
          // 2 different parameter setups
          // (value, alpha, sd, n)
          // (value, alpha, array)
          normalci: function normalci() {
            var args = slice.call(arguments), ans = new Array(2), change;
            if (args.length === 4) {
              change = Math2.abs(jStat3.normal.inv(args[1] / 2, 0, 1) * args[2] / Math2.sqrt(args[3]));
            } else {
              change = Math2.abs(jStat3.normal.inv(args[1] / 2, 0, 1) * jStat3.stdev(args[2]) / Math2.sqrt(args[2].length));
            }
            ans[0] = args[0] - change;
            ans[1] = args[0] + change;
            return ans;
          },
          // 2 different parameter setups
          // (value, alpha, sd, n)
          // (value, alpha, array)
          tci: function tci() {
            var args = slice.call(arguments), ans = new Array(2), change;
            if (args.length === 4) {
              change = Math2.abs(jStat3.studentt.inv(args[1] / 2, args[3] - 1) * args[2] / Math2.sqrt(args[3]));
            } else {
              change = Math2.abs(jStat3.studentt.inv(args[1] / 2, args[2].length - 1) * jStat3.stdev(args[2], true) / Math2.sqrt(args[2].length));
            }
            ans[0] = args[0] - change;
            ans[1] = args[0] + change;
            return ans;
          },
          significant: function significant(pvalue, alpha) {
            return pvalue < alpha;
          }
        });
        jStat3.extend(jStat3.fn, {
          normalci: function normalci(value, alpha) {
            return jStat3.normalci(value, alpha, this.toArray());
          },
          tci: function tci(value, alpha) {
            return jStat3.tci(value, alpha, this.toArray());
          }
        });
        function differenceOfProportions(p1, n1, p2, n2) {
          if (p1 > 1 || p2 > 1 || p1 <= 0 || p2 <= 0) {
            throw new Error("Proportions should be greater than 0 and less than 1");
          }
          var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
          var se = Math2.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
          return (p1 - p2) / se;
        }
        jStat3.extend(jStat3.fn, {
          oneSidedDifferenceOfProportions: function oneSidedDifferenceOfProportions(p1, n1, p2, n2) {
            var z = differenceOfProportions(p1, n1, p2, n2);
            return jStat3.ztest(z, 1);
          },
          twoSidedDifferenceOfProportions: function twoSidedDifferenceOfProportions(p1, n1, p2, n2) {
            var z = differenceOfProportions(p1, n1, p2, n2);
            return jStat3.ztest(z, 2);
          }
        });
      })(jStat2, Math);
      jStat2.models = /* @__PURE__ */ (function() {
        function sub_regress(exog) {
          var var_count = exog[0].length;
          var modelList = jStat2.arange(var_count).map(function(endog_index) {
            var exog_index = jStat2.arange(var_count).filter(function(i) {
              return i !== endog_index;
            });
            return ols(
              jStat2.col(exog, endog_index).map(function(x) {
                return x[0];
              }),
              jStat2.col(exog, exog_index)
            );
          });
          return modelList;
        }
        function ols(endog, exog) {
          var nobs = endog.length;
          var df_model = exog[0].length - 1;
          var df_resid = nobs - df_model - 1;
          var coef = jStat2.lstsq(exog, endog);
          var predict = jStat2.multiply(exog, coef.map(function(x) {
            return [x];
          })).map(function(p) {
            return p[0];
          });
          var resid = jStat2.subtract(endog, predict);
          var ybar = jStat2.mean(endog);
          var SSE = jStat2.sum(predict.map(function(f) {
            return Math.pow(f - ybar, 2);
          }));
          var SSR = jStat2.sum(endog.map(function(y, i) {
            return Math.pow(y - predict[i], 2);
          }));
          var SST = SSE + SSR;
          var R2 = SSE / SST;
          return {
            exog,
            endog,
            nobs,
            df_model,
            df_resid,
            coef,
            predict,
            resid,
            ybar,
            SST,
            SSE,
            SSR,
            R2
          };
        }
        function t_test(model) {
          var subModelList = sub_regress(model.exog);
          var sigmaHat = Math.sqrt(model.SSR / model.df_resid);
          var seBetaHat = subModelList.map(function(mod) {
            var SST = mod.SST;
            var R2 = mod.R2;
            return sigmaHat / Math.sqrt(SST * (1 - R2));
          });
          var tStatistic = model.coef.map(function(coef, i) {
            return (coef - 0) / seBetaHat[i];
          });
          var pValue = tStatistic.map(function(t) {
            var leftppf = jStat2.studentt.cdf(t, model.df_resid);
            return (leftppf > 0.5 ? 1 - leftppf : leftppf) * 2;
          });
          var c = jStat2.studentt.inv(0.975, model.df_resid);
          var interval95 = model.coef.map(function(coef, i) {
            var d = c * seBetaHat[i];
            return [coef - d, coef + d];
          });
          return {
            se: seBetaHat,
            t: tStatistic,
            p: pValue,
            sigmaHat,
            interval95
          };
        }
        function F_test(model) {
          var F_statistic = model.R2 / model.df_model / ((1 - model.R2) / model.df_resid);
          var fcdf = function(x, n1, n2) {
            return jStat2.beta.cdf(x / (n2 / n1 + x), n1 / 2, n2 / 2);
          };
          var pvalue = 1 - fcdf(F_statistic, model.df_model, model.df_resid);
          return { F_statistic, pvalue };
        }
        function ols_wrap(endog, exog) {
          var model = ols(endog, exog);
          var ttest = t_test(model);
          var ftest = F_test(model);
          var adjust_R2 = 1 - (1 - model.R2) * ((model.nobs - 1) / model.df_resid);
          model.t = ttest;
          model.f = ftest;
          model.adjust_R2 = adjust_R2;
          return model;
        }
        return { ols: ols_wrap };
      })();
      jStat2.extend({
        buildxmatrix: function buildxmatrix() {
          var matrixRows = new Array(arguments.length);
          for (var i = 0; i < arguments.length; i++) {
            var array = [1];
            matrixRows[i] = array.concat(arguments[i]);
          }
          return jStat2(matrixRows);
        },
        builddxmatrix: function builddxmatrix() {
          var matrixRows = new Array(arguments[0].length);
          for (var i = 0; i < arguments[0].length; i++) {
            var array = [1];
            matrixRows[i] = array.concat(arguments[0][i]);
          }
          return jStat2(matrixRows);
        },
        buildjxmatrix: function buildjxmatrix(jMat) {
          var pass = new Array(jMat.length);
          for (var i = 0; i < jMat.length; i++) {
            pass[i] = jMat[i];
          }
          return jStat2.builddxmatrix(pass);
        },
        buildymatrix: function buildymatrix(array) {
          return jStat2(array).transpose();
        },
        buildjymatrix: function buildjymatrix(jMat) {
          return jMat.transpose();
        },
        matrixmult: function matrixmult(A, B) {
          var i, j, k, result, sum2;
          if (A.cols() == B.rows()) {
            if (B.rows() > 1) {
              result = [];
              for (i = 0; i < A.rows(); i++) {
                result[i] = [];
                for (j = 0; j < B.cols(); j++) {
                  sum2 = 0;
                  for (k = 0; k < A.cols(); k++) {
                    sum2 += A.toArray()[i][k] * B.toArray()[k][j];
                  }
                  result[i][j] = sum2;
                }
              }
              return jStat2(result);
            }
            result = [];
            for (i = 0; i < A.rows(); i++) {
              result[i] = [];
              for (j = 0; j < B.cols(); j++) {
                sum2 = 0;
                for (k = 0; k < A.cols(); k++) {
                  sum2 += A.toArray()[i][k] * B.toArray()[j];
                }
                result[i][j] = sum2;
              }
            }
            return jStat2(result);
          }
        },
        //regress and regresst to be fixed
        regress: function regress(jMatX, jMatY) {
          var innerinv = jStat2.xtranspxinv(jMatX);
          var xtransp = jMatX.transpose();
          var next = jStat2.matrixmult(jStat2(innerinv), xtransp);
          return jStat2.matrixmult(next, jMatY);
        },
        regresst: function regresst(jMatX, jMatY, sides) {
          var beta = jStat2.regress(jMatX, jMatY);
          var compile = {};
          compile.anova = {};
          var jMatYBar = jStat2.jMatYBar(jMatX, beta);
          compile.yBar = jMatYBar;
          var yAverage = jMatY.mean();
          compile.anova.residuals = jStat2.residuals(jMatY, jMatYBar);
          compile.anova.ssr = jStat2.ssr(jMatYBar, yAverage);
          compile.anova.msr = compile.anova.ssr / (jMatX[0].length - 1);
          compile.anova.sse = jStat2.sse(jMatY, jMatYBar);
          compile.anova.mse = compile.anova.sse / (jMatY.length - (jMatX[0].length - 1) - 1);
          compile.anova.sst = jStat2.sst(jMatY, yAverage);
          compile.anova.mst = compile.anova.sst / (jMatY.length - 1);
          compile.anova.r2 = 1 - compile.anova.sse / compile.anova.sst;
          if (compile.anova.r2 < 0) compile.anova.r2 = 0;
          compile.anova.fratio = compile.anova.msr / compile.anova.mse;
          compile.anova.pvalue = jStat2.anovaftest(
            compile.anova.fratio,
            jMatX[0].length - 1,
            jMatY.length - (jMatX[0].length - 1) - 1
          );
          compile.anova.rmse = Math.sqrt(compile.anova.mse);
          compile.anova.r2adj = 1 - compile.anova.mse / compile.anova.mst;
          if (compile.anova.r2adj < 0) compile.anova.r2adj = 0;
          compile.stats = new Array(jMatX[0].length);
          var covar = jStat2.xtranspxinv(jMatX);
          var sds, ts, ps;
          for (var i = 0; i < beta.length; i++) {
            sds = Math.sqrt(compile.anova.mse * Math.abs(covar[i][i]));
            ts = Math.abs(beta[i] / sds);
            ps = jStat2.ttest(ts, jMatY.length - jMatX[0].length - 1, sides);
            compile.stats[i] = [beta[i], sds, ts, ps];
          }
          compile.regress = beta;
          return compile;
        },
        xtranspx: function xtranspx(jMatX) {
          return jStat2.matrixmult(jMatX.transpose(), jMatX);
        },
        xtranspxinv: function xtranspxinv(jMatX) {
          var inner = jStat2.matrixmult(jMatX.transpose(), jMatX);
          var innerinv = jStat2.inv(inner);
          return innerinv;
        },
        jMatYBar: function jMatYBar(jMatX, beta) {
          var yBar = jStat2.matrixmult(jMatX, beta);
          return new jStat2(yBar);
        },
        residuals: function residuals(jMatY, jMatYBar) {
          return jStat2.matrixsubtract(jMatY, jMatYBar);
        },
        ssr: function ssr(jMatYBar, yAverage) {
          var ssr2 = 0;
          for (var i = 0; i < jMatYBar.length; i++) {
            ssr2 += Math.pow(jMatYBar[i] - yAverage, 2);
          }
          return ssr2;
        },
        sse: function sse(jMatY, jMatYBar) {
          var sse2 = 0;
          for (var i = 0; i < jMatY.length; i++) {
            sse2 += Math.pow(jMatY[i] - jMatYBar[i], 2);
          }
          return sse2;
        },
        sst: function sst(jMatY, yAverage) {
          var sst2 = 0;
          for (var i = 0; i < jMatY.length; i++) {
            sst2 += Math.pow(jMatY[i] - yAverage, 2);
          }
          return sst2;
        },
        matrixsubtract: function matrixsubtract(A, B) {
          var ans = new Array(A.length);
          for (var i = 0; i < A.length; i++) {
            ans[i] = new Array(A[i].length);
            for (var j = 0; j < A[i].length; j++) {
              ans[i][j] = A[i][j] - B[i][j];
            }
          }
          return jStat2(ans);
        }
      });
      jStat2.jStat = jStat2;
      return jStat2;
    });
  }
});

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
    function openPromise(path3, options2) {
      return new Promise((resolve2, reject) => {
        open2(path3, { ...options2, lazyEntries: true }, function(err, zipfile) {
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
    function open2(path3, options2, callback) {
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
      fs.open(path3, "r", function(err, fd) {
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
      readStream.on("error", function(error) {
        callback(error);
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

// src/core/errors.ts
var UsageError = class extends Error {
  hint;
  constructor(message, hint) {
    super(hint ? `${message} \u2014 ${hint}` : message);
    this.name = "UsageError";
    this.hint = hint;
  }
};
function isUsageError(err) {
  return err instanceof UsageError;
}

// src/core/registry-snapshot.json
var registry_snapshot_default = [
  {
    name: "worst_spread",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Worst per-cgroup CPU-time spread across workers"
  },
  {
    name: "worst_gap_ms",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "ms",
    description: "Longest scheduling gap observed (worst across cgroups)"
  },
  {
    name: "total_migrations",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "",
    description: "Total task migrations"
  },
  {
    name: "worst_migration_ratio",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Worst migrations-per-iteration ratio"
  },
  {
    name: "max_imbalance_ratio",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 1,
    default_rel: 0.25,
    display_unit: "x",
    description: "Peak per-CPU runqueue imbalance (max nr_running / max(1,min))"
  },
  {
    name: "avg_imbalance_ratio",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 0.5,
    default_rel: 0.25,
    display_unit: "x",
    description: "Mean per-tick runqueue imbalance ratio"
  },
  {
    name: "max_dsq_depth",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 10,
    default_rel: 0.5,
    display_unit: "",
    description: "Peak local-CPU dispatch queue depth"
  },
  {
    name: "avg_dsq_depth",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 5,
    default_rel: 0.5,
    display_unit: "",
    description: "Mean local-CPU dispatch queue depth"
  },
  {
    name: "stuck_count",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 1,
    default_rel: 0.5,
    display_unit: "",
    description: "Count of CPUs whose rq clock stopped advancing (stalls)"
  },
  {
    name: "total_fallback",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 5,
    default_rel: 0.3,
    display_unit: "",
    description: "select_cpu fallback event count"
  },
  {
    name: "total_keep_last",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 5,
    default_rel: 0.3,
    display_unit: "",
    description: "dispatch keep-last event count"
  },
  {
    name: "total_run_delay",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.1,
    display_unit: "ns",
    description: "Sum of runqueue-wait delay across CPUs (rate component)"
  },
  {
    name: "total_pcount",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Count of non-idle task arrivals (rate component)"
  },
  {
    name: "total_sched_count",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Context-switch count"
  },
  {
    name: "total_yld_count",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "sched_yield call count"
  },
  {
    name: "total_sched_goidle",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Times a CPU went idle"
  },
  {
    name: "total_ttwu_count",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Total wakeups"
  },
  {
    name: "total_ttwu_local",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Wakeups kept on the waking CPU"
  },
  {
    name: "total_run_delay_ns_per_sched",
    polarity: "LowerBetter",
    kind: {
      Rate: {
        numerator: "total_run_delay",
        denominator: "total_pcount"
      }
    },
    default_abs: 1e3,
    default_rel: 0.15,
    display_unit: "ns",
    description: "Mean runqueue wait per schedule (derived ratio)"
  },
  {
    name: "ttwu_local_fraction",
    polarity: "HigherBetter",
    kind: {
      Rate: {
        numerator: "total_ttwu_local",
        denominator: "total_ttwu_count"
      }
    },
    default_abs: 0.05,
    default_rel: 0.1,
    display_unit: "",
    description: "Fraction of wakeups kept local (derived ratio)"
  },
  {
    name: "avg_nr_running",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 0.5,
    default_rel: 0.2,
    display_unit: "",
    description: "Mean per-CPU runqueue depth, all classes"
  },
  {
    name: "worst_p99_wake_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "WakeLatencyNs",
        reduction: "P99"
      }
    },
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "p99 wake latency over pooled samples"
  },
  {
    name: "worst_median_wake_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "WakeLatencyNs",
        reduction: "Median"
      }
    },
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Median wake latency over pooled samples"
  },
  {
    name: "worst_wake_latency_cv",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "WakeLatencyNs",
        reduction: "Cv"
      }
    },
    default_abs: 0.1,
    default_rel: 0.25,
    display_unit: "",
    description: "Coefficient of variation of wake latency"
  },
  {
    name: "worst_p99_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "P99"
      }
    },
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "p99 timer (cyclictest-style) latency"
  },
  {
    name: "worst_median_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "Median"
      }
    },
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Median timer latency"
  },
  {
    name: "worst_p999_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "P999"
      }
    },
    default_abs: 100,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "p99.9 timer latency"
  },
  {
    name: "worst_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "Worst"
      }
    },
    default_abs: 200,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Maximum timer latency"
  },
  {
    name: "iteration_rate",
    polarity: "HigherBetter",
    kind: {
      Rate: {
        numerator: "total_phase_iterations",
        denominator: "total_phase_duration_sec"
      }
    },
    default_abs: 1,
    default_rel: 0.3,
    display_unit: "iter/s",
    description: "Worker iterations per wall second (derived ratio)"
  },
  {
    name: "total_iterations",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Total worker iterations"
  },
  {
    name: "total_phase_iterations",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Per-phase iteration delta (iteration_rate numerator; render-suppressed)"
  },
  {
    name: "total_phase_duration_sec",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 1,
    default_rel: 0.3,
    display_unit: "s",
    description: "Per-phase wall seconds (iteration_rate denominator; render-suppressed)"
  },
  {
    name: "total_cpu_time_sec",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 1,
    default_rel: 0.3,
    display_unit: "s",
    description: "Pooled CPU seconds (iterations_per_cpu_sec denominator; render-suppressed)"
  },
  {
    name: "total_iterations_pooled",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Pooled iterations over measured cgroups (iterations_per_cpu_sec numerator; render-suppressed)"
  },
  {
    name: "iterations_per_cpu_sec",
    polarity: "HigherBetter",
    kind: {
      Rate: {
        numerator: "total_iterations_pooled",
        denominator: "total_cpu_time_sec"
      }
    },
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "iter/cpu-s",
    description: "Pooled iterations per CPU second (derived ratio)"
  },
  {
    name: "system_time_ns",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 1e6,
    default_rel: 0.3,
    display_unit: "ns",
    description: "Kernel-mode CPU time per phase"
  },
  {
    name: "user_time_ns",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 1e6,
    default_rel: 0.3,
    display_unit: "ns",
    description: "User-mode CPU time per phase"
  },
  {
    name: "total_hardirqs",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "",
    description: "Hardirqs fired, summed over CPUs"
  },
  {
    name: "total_softirq_net_rx",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "",
    description: "NET_RX softirqs, summed over CPUs"
  },
  {
    name: "total_softirq_net_tx",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "",
    description: "NET_TX softirqs, summed over CPUs"
  },
  {
    name: "total_softirq_timer",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "",
    description: "TIMER softirqs, summed over CPUs"
  },
  {
    name: "total_softirq_sched",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "",
    description: "SCHED softirqs, summed over CPUs"
  },
  {
    name: "total_irq_time_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.5,
    display_unit: "ns",
    description: "Time in hardirq, summed over CPUs"
  },
  {
    name: "total_softirq_time_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.5,
    display_unit: "ns",
    description: "Time in softirq, summed over CPUs"
  },
  {
    name: "total_steal_time_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.5,
    display_unit: "ns",
    description: "Hypervisor steal time, summed over CPUs"
  },
  {
    name: "avg_irq_util",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 20,
    default_rel: 0.3,
    display_unit: "",
    description: "Mean PELT IRQ utilization across CPUs (0..1024)"
  },
  {
    name: "max_avg_irq_util",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 50,
    default_rel: 0.3,
    display_unit: "",
    description: "Worst-CPU PELT IRQ utilization"
  },
  {
    name: "hardirq_rate",
    polarity: "Informational",
    kind: {
      Rate: {
        numerator: "total_hardirqs",
        denominator: "total_phase_wall_sec"
      }
    },
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "irq/s",
    description: "Hardirqs per second of capture window"
  },
  {
    name: "net_rx_softirq_rate",
    polarity: "Informational",
    kind: {
      Rate: {
        numerator: "total_softirq_net_rx",
        denominator: "total_phase_wall_sec"
      }
    },
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "softirq/s",
    description: "NET_RX softirqs per second of capture window"
  },
  {
    name: "irq_time_fraction",
    polarity: "LowerBetter",
    kind: {
      Rate: {
        numerator: "total_irq_time_ns",
        denominator: "total_phase_wall_ns"
      }
    },
    default_abs: 0.02,
    default_rel: 0.3,
    display_unit: "",
    description: "Fraction of capture window spent in hardirq"
  },
  {
    name: "total_phase_wall_sec",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 0.1,
    default_rel: 0.3,
    display_unit: "s",
    description: "Capture-window seconds (hidden rate denominator)"
  },
  {
    name: "total_phase_wall_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.3,
    display_unit: "ns",
    description: "Capture-window nanoseconds (hidden rate denominator)"
  },
  {
    name: "max_cpu_hardirqs",
    polarity: "Informational",
    kind: "Peak",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "",
    description: "Busiest CPU's hardirq delta"
  },
  {
    name: "max_cpu_hardirq_concentration",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 1,
    default_rel: 0.25,
    display_unit: "x",
    description: "Busiest CPU hardirqs / mean per-CPU hardirqs"
  },
  {
    name: "psi_irq_full_avg10",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 5,
    default_rel: 0.3,
    display_unit: "%",
    description: "System PSI irq full avg10"
  },
  {
    name: "total_irq_pressure_us",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "Cumulative PSI irq full stall time"
  },
  {
    name: "worst_mean_run_delay_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "RunDelayNs",
        reduction: "Mean"
      }
    },
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Mean per-worker run delay over pooled samples"
  },
  {
    name: "worst_run_delay_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "RunDelayNs",
        reduction: "Worst"
      }
    },
    default_abs: 100,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "Maximum per-worker run delay"
  },
  {
    name: "worst_wake_latency_tail_ratio",
    polarity: "LowerBetter",
    kind: "WakeLatencyTailRatio",
    default_abs: 0.5,
    default_rel: 0.25,
    display_unit: "x",
    description: "Worst cgroup p99/median wake-latency ratio"
  },
  {
    name: "worst_iterations_per_worker",
    polarity: "HigherBetter",
    kind: {
      WorstLowest: {
        numerator: "Iterations",
        denominator: "NumWorkers"
      }
    },
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "",
    description: "Lowest cgroup iterations per worker"
  },
  {
    name: "worst_iterations_per_cpu_sec",
    polarity: "HigherBetter",
    kind: {
      WorstLowest: {
        numerator: "Iterations",
        denominator: "CpuTimeNs"
      }
    },
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "iter/cpu-s",
    description: "Lowest cgroup iterations per CPU second"
  },
  {
    name: "worst_page_locality",
    polarity: "HigherBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 0.05,
    default_rel: 0.1,
    display_unit: "",
    description: "Worst NUMA page locality fraction"
  },
  {
    name: "worst_cross_node_migration_ratio",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Worst cross-NUMA-node migration ratio"
  },
  {
    name: "wakeup_p50_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p50 latency (per phase)"
  },
  {
    name: "wakeup_p90_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p90 latency (per phase)"
  },
  {
    name: "wakeup_p99_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p99 latency (per phase)"
  },
  {
    name: "wakeup_p999_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p99.9 latency (per phase)"
  },
  {
    name: "request_p50_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p50 latency (per phase)"
  },
  {
    name: "request_p90_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p90 latency (per phase)"
  },
  {
    name: "request_p99_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p99 latency (per phase)"
  },
  {
    name: "request_p999_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p99.9 latency (per phase)"
  },
  {
    name: "sched_delay_msg_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench message-thread scheduling delay (per phase)"
  },
  {
    name: "sched_delay_worker_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench worker-thread scheduling delay (per phase)"
  },
  {
    name: "schbench_loop_count",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "",
    description: "schbench completed work cycles (per phase)"
  },
  {
    name: "taobench_total_qps",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 1e3,
    default_rel: 0.1,
    display_unit: "ops/s",
    description: "taobench total qps (per phase)"
  },
  {
    name: "taobench_fast_qps",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 1e3,
    default_rel: 0.1,
    display_unit: "ops/s",
    description: "taobench fast-path qps (per phase)"
  },
  {
    name: "taobench_slow_qps",
    polarity: "Informational",
    kind: "PerPhase",
    default_abs: 1e3,
    default_rel: 0.1,
    display_unit: "ops/s",
    description: "taobench slow-path qps (per phase)"
  },
  {
    name: "taobench_hit_ratio",
    polarity: "Informational",
    kind: "PerPhase",
    default_abs: 0.02,
    default_rel: 0.05,
    display_unit: "",
    description: "taobench cache hit ratio (per phase)"
  },
  {
    name: "taobench_hit_rate",
    polarity: "Informational",
    kind: "PerPhase",
    default_abs: 0.02,
    default_rel: 0.05,
    display_unit: "",
    description: "taobench cache hit rate (per phase)"
  },
  {
    name: "wakeup_min_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup min latency (per phase)"
  },
  {
    name: "wakeup_max_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "schbench wakeup max latency (per phase)"
  },
  {
    name: "request_min_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request min latency (per phase)"
  },
  {
    name: "request_max_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "schbench request max latency (per phase)"
  },
  {
    name: "rps_p20",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS p20 (per phase)"
  },
  {
    name: "rps_p50",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS p50 (per phase)"
  },
  {
    name: "rps_p90",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS p90 (per phase)"
  },
  {
    name: "rps_min",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS min (per phase)"
  },
  {
    name: "rps_max",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS max (per phase)"
  },
  {
    name: "p99_wake_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup p99 wake latency (per phase)"
  },
  {
    name: "median_wake_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup median wake latency (per phase)"
  },
  {
    name: "wake_latency_cv",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 0.1,
    default_rel: 0.25,
    display_unit: "",
    description: "Per-cgroup wake latency CV (per phase)"
  },
  {
    name: "p99_timer_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup p99 timer latency (per phase)"
  },
  {
    name: "median_timer_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup median timer latency (per phase)"
  },
  {
    name: "p999_timer_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup p99.9 timer latency (per phase)"
  },
  {
    name: "mean_run_delay_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup mean run delay (per phase)"
  },
  {
    name: "max_run_delay_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "Per-cgroup max run delay (per phase)"
  },
  {
    name: "avg_off_cpu_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup mean off-CPU percent (per phase)"
  },
  {
    name: "min_off_cpu_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup min off-CPU percent (per phase)"
  },
  {
    name: "max_off_cpu_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup max off-CPU percent (per phase)"
  },
  {
    name: "off_cpu_spread_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup off-CPU spread (per phase)"
  },
  {
    name: "migration_ratio",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Per-cgroup migration ratio (per phase)"
  },
  {
    name: "iterations_per_worker",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "",
    description: "Per-cgroup iterations per worker (per phase)"
  },
  {
    name: "page_locality",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 0.05,
    default_rel: 0.1,
    display_unit: "",
    description: "Per-cgroup NUMA page locality (per phase)"
  },
  {
    name: "cross_node_migration_ratio",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Per-cgroup cross-node migration ratio (per phase)"
  },
  {
    name: "total_cpu_time_ns",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "ns",
    description: "Per-cgroup on-CPU nanoseconds counter"
  }
];

// src/core/nearest.ts
function nearestValue(want, candidates) {
  const prefixed = candidates.filter((c) => c !== want && (c.startsWith(want) || want.startsWith(c))).sort((x, y) => Math.abs(x.length - want.length) - Math.abs(y.length - want.length) || (x < y ? -1 : 1));
  if (prefixed.length > 0) return prefixed[0];
  return closest(want, candidates, editDistance);
}
function nearestSubstring(want, candidates) {
  return closest(want, candidates, substringDistance);
}
function closest(want, candidates, dist) {
  const limit = Math.max(2, Math.floor(want.length / 3));
  let best = null;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = dist(want, c);
    if (d < bestD || d === bestD && best !== null && c < best) [best, bestD] = [c, d];
  }
  return bestD <= limit ? best : null;
}
function editDistance(a, b) {
  return distanceRows(a, b, false);
}
function substringDistance(q, text) {
  return distanceRows(q, text, true);
}
function distanceRows(q, t, anyStart) {
  let prev = Array.from({ length: t.length + 1 }, (_, j) => anyStart ? 0 : j);
  for (let i = 1; i <= q.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (q[i - 1] === t[j - 1] ? 0 : 1));
    prev = row;
  }
  return anyStart ? Math.min(...prev) : prev[t.length];
}

// src/core/registry.ts
var RENDER_SUPPRESSED = /* @__PURE__ */ new Set([
  "total_phase_iterations",
  "total_phase_duration_sec",
  "total_iterations_pooled",
  "total_cpu_time_sec"
]);
var polaritySchema = external_exports.union([
  external_exports.enum(["LowerBetter", "HigherBetter", "Informational", "Unknown"]),
  external_exports.object({ TargetValue: external_exports.number() })
]);
var pair = external_exports.object({ numerator: external_exports.string(), denominator: external_exports.string() });
var knownKindSchema = external_exports.union([
  external_exports.enum(["Counter", "Peak", "Timestamp", "DeltaSum", "PerPhase", "WakeLatencyTailRatio"]),
  external_exports.strictObject({ Gauge: external_exports.enum(["Avg", "Last", "Max"]) }),
  external_exports.strictObject({ Rate: pair }),
  external_exports.strictObject({ Distribution: external_exports.object({ source: external_exports.string(), reduction: external_exports.string() }) }),
  external_exports.strictObject({ WorstLowest: pair })
]);
var kindSchema = external_exports.union([
  knownKindSchema,
  external_exports.string().min(1),
  external_exports.record(external_exports.string(), external_exports.unknown()).refine((o) => Object.keys(o).length === 1, "expected a kind name or an object with one key")
]);
var metricSchema = external_exports.object({
  name: external_exports.string().min(1),
  polarity: polaritySchema,
  kind: kindSchema,
  default_abs: external_exports.number().nonnegative(),
  default_rel: external_exports.number().nonnegative(),
  display_unit: external_exports.string(),
  description: external_exports.string().optional()
});
var registrySchema = external_exports.array(metricSchema).min(1);
function buildRegistry(json, source, detail) {
  const parsed = registrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `$[${issue.path.join("][")}]` : "$";
    throw new UsageError(
      `metric registry from ${detail} is malformed at ${where}: ${issue?.message ?? "invalid"}`,
      "run `npm run registry:update` with a working `cargo ktstr`, or remove it from PATH to use the bundled registry"
    );
  }
  const metrics = parsed.data;
  const byName = /* @__PURE__ */ new Map();
  for (const m of metrics) byName.set(m.name, m);
  const canonical = JSON.stringify(
    metrics.map((m) => [m.name, m.polarity, m.kind, m.default_abs, m.default_rel, m.display_unit])
  );
  return { metrics, byName, source, detail, hash: fnv1a(canonical) };
}
var bundled;
function bundledRegistry() {
  bundled ??= buildRegistry(registry_snapshot_default, "bundled", "bundled snapshot of ktstr METRICS (105 metrics)");
  return bundled;
}
function metricDescription(m) {
  return m.description ?? bundledRegistry().byName.get(m.name)?.description ?? "";
}
function polarityLabel(p) {
  if (typeof p === "object") return "target";
  switch (p) {
    case "LowerBetter":
      return "lower";
    case "HigherBetter":
      return "higher";
    case "Informational":
      return "informational";
    default:
      return "unknown";
  }
}
function worseSign(p) {
  if (p === "HigherBetter") return -1;
  if (p === "Informational") return 0;
  return 1;
}
var KNOWN_KIND = /* @__PURE__ */ new WeakMap();
function kindKnown(m) {
  let known = KNOWN_KIND.get(m);
  if (known === void 0) {
    known = knownKindSchema.safeParse(m.kind).success;
    KNOWN_KIND.set(m, known);
  }
  return known;
}
function isRenderSuppressed(m) {
  return RENDER_SUPPRESSED.has(m.name);
}
function isPerPhaseOnly(m) {
  return m.kind === "PerPhase";
}
function isWholeRunDistribution(m) {
  return typeof m.kind === "object" && "Distribution" in m.kind;
}
function rateComponents(m) {
  return typeof m.kind === "object" && "Rate" in m.kind ? m.kind.Rate : void 0;
}
function gatesAggregate(m, noiseAdjusted) {
  if (isRenderSuppressed(m) || isPerPhaseOnly(m)) return false;
  if (isWholeRunDistribution(m)) return noiseAdjusted;
  return true;
}
function kindLabel(k) {
  if (typeof k === "string") return k;
  if ("Gauge" in k) return `Gauge(${k.Gauge})`;
  if ("Rate" in k) return `Rate(${k.Rate.numerator}/${k.Rate.denominator})`;
  if ("Distribution" in k) return `Distribution(${k.Distribution.source},${k.Distribution.reduction})`;
  if ("WorstLowest" in k) return `WorstLowest(${k.WorstLowest.numerator}/${k.WorstLowest.denominator})`;
  const [name, body] = Object.entries(k)[0] ?? ["?", null];
  return `${name}(${typeof body === "string" ? body : JSON.stringify(body)})`;
}
function parseMustFail(raw, registry, noiseAdjusted) {
  if (raw === void 0) return [];
  const names = raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  for (const name of names) {
    const q = JSON.stringify(name);
    const m = registry.byName.get(name);
    if (!m) {
      const near = nearestValue(name, [...registry.byName.keys()]);
      throw new UsageError(
        `--must-fail: unknown metric ${q}${near ? `; did you mean ${JSON.stringify(near)}?` : ""} (see \`cargo ktstr stats list-metrics\`)`
      );
    }
    if (isRenderSuppressed(m))
      throw new UsageError(
        `--must-fail: ${q} is an internal rate COMPONENT that never surfaces as a regression \u2014 gate on its user-facing rate metric instead`
      );
    if (!kindKnown(m))
      throw new UsageError(
        `--must-fail: ${q} has a metric kind this ktstr-perf-gate does not know (${kindLabel(m.kind)}), so it is shown as informational and can never fail \u2014 update ktstr-perf-gate, or gate on another metric`
      );
    if (!gatesAggregate(m, noiseAdjusted)) {
      const hint = isPerPhaseOnly(m) ? " \u2014 it is a per-phase-only metric that never produces an aggregate regression; assert it per-phase in the test's Verdict DSL instead" : " \u2014 it only reports per-run; add --noise-adjust to gate on it";
      throw new UsageError(`--must-fail: ${q} never reaches the aggregate comparison${hint}`);
    }
    if (!noiseAdjusted && m.polarity === "Informational")
      throw new UsageError(
        `--must-fail: ${q} is an informational metric with no regression direction \u2014 it can never fail the default comparison. Add --noise-adjust (a per-test direction override can then make it gate), or gate on a directional metric`
      );
  }
  return names;
}
var policySchema = external_exports.strictObject({
  default_percent: external_exports.number().nullable().optional(),
  per_metric_percent: external_exports.record(external_exports.string(), external_exports.number()).optional()
});
function validatePolicy(json, registry, where) {
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length ? ` at $.${issue.path.join(".")}` : "";
    throw new UsageError(
      `parse comparison policy from ${where}${at}: ${issue?.message ?? "invalid"}`,
      'expected {"default_percent": <number|null>, "per_metric_percent": {"<metric>": <number>}}'
    );
  }
  const p = parsed.data;
  if (p.default_percent != null && p.default_percent < 0)
    throw new UsageError(
      `validate comparison policy from ${where}: ComparisonPolicy: default_percent must be non-negative; got ${p.default_percent}`
    );
  for (const [name, pct2] of Object.entries(p.per_metric_percent ?? {})) {
    if (!registry.byName.has(name)) {
      const near = nearestValue(name, [...registry.byName.keys()]);
      throw new UsageError(
        `validate comparison policy from ${where}: ComparisonPolicy: per_metric_percent contains unknown metric \`${name}\`${near ? `; did you mean ${JSON.stringify(near)}?` : ""}`,
        "see `ktstr-perf-gate list-metrics` for the registered names"
      );
    }
    if (pct2 < 0)
      throw new UsageError(
        `validate comparison policy from ${where}: ComparisonPolicy: per_metric_percent[${JSON.stringify(name)}] must be non-negative; got ${pct2}`
      );
  }
  return p;
}
function uniformPolicy(pct2) {
  if (!Number.isFinite(pct2) || pct2 < 0)
    throw new UsageError(`--threshold must be a non-negative percent; got ${pct2}`);
  return { default_percent: pct2 };
}
function relThreshold(m, policy) {
  const perMetric = policy?.per_metric_percent;
  if (perMetric && Object.hasOwn(perMetric, m.name)) return perMetric[m.name] / 100;
  if (policy?.default_percent != null) return policy.default_percent / 100;
  return m.default_rel;
}
function fnv1a(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

// src/ktstr/policy.ts
import { readFile } from "node:fs/promises";
async function loadPolicy(threshold, policyFile, registry) {
  if (threshold !== void 0 && policyFile !== void 0)
    throw new UsageError("--threshold and --policy are mutually exclusive", "give one of them");
  if (threshold !== void 0) {
    const pct2 = Number(threshold);
    if (threshold.trim() === "" || !Number.isFinite(pct2))
      throw new UsageError(
        `--threshold ${JSON.stringify(threshold)}: not a number`,
        "give a percent, e.g. --threshold 10"
      );
    return uniformPolicy(pct2);
  }
  if (policyFile === void 0) return void 0;
  let text;
  try {
    text = await readFile(policyFile, "utf8");
  } catch (e) {
    throw new UsageError(
      `read comparison policy from ${policyFile}: ${e.code ?? e.message}`,
      "check the path"
    );
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `parse comparison policy from ${policyFile}: ${e.message}`,
      "the file must be JSON"
    );
  }
  return validatePolicy(json, registry, policyFile);
}
async function loadAcceptFile(file, registry, shownAs = file) {
  if (file === void 0 || file === "") return null;
  const where = shownAs ?? file;
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `read accept file ${where}: ${e.code ?? e.message}`,
      "check the path"
    );
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`parse accept file ${where}: ${e.message}`, "the file must be JSON");
  }
  return validateAcceptList(json, registry, where);
}
var acceptSchema = external_exports.strictObject({
  accept: external_exports.array(
    external_exports.strictObject({
      test: external_exports.string().min(1),
      metric: external_exports.string().min(1),
      max_percent: external_exports.number().nonnegative(),
      reason: external_exports.string().max(2e3).optional()
    })
  )
});
function validateAcceptList(json, registry, where) {
  const parsed = acceptSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length ? ` at $.${issue.path.join(".")}` : "";
    throw new UsageError(
      `parse accept file ${where}${at}: ${issue?.message ?? "invalid"}`,
      'expected {"accept": [{"test": "<test or test/topology/work_type>", "metric": "<metric>", "max_percent": <number \u2265 0>, "reason": "<optional>"}]}'
    );
  }
  const entries = parsed.data.accept.map((e, i) => {
    if (!registry.byName.has(e.metric)) {
      const near = nearestValue(e.metric, [...registry.byName.keys()]);
      throw new UsageError(
        `accept file ${where}: accept[${i}].metric ${JSON.stringify(e.metric)} is not a registered metric`,
        near ? `did you mean ${near}?` : "see `ktstr-perf-gate list-metrics` for the registered names"
      );
    }
    return { test: e.test, metric: e.metric, maxPercent: e.max_percent, reason: e.reason ?? null };
  });
  return { source: where, entries };
}

// src/core/stats.ts
var import_jstat = __toESM(require_jstat(), 1);
var { jStat } = import_jstat.default;
var ZERO_MEAN_EPS = 1e-9;
function describe(xs) {
  const n = xs.length;
  let sum2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    sum2 += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const scale = Math.max(Math.abs(min), Math.abs(max));
  const mean2 = Number.isFinite(sum2) ? sum2 / n : safeMean(xs, scale);
  let ss = 0;
  for (const x of xs) ss += (x - mean2) * (x - mean2);
  let stdev;
  let variance;
  if (Number.isFinite(ss)) {
    variance = n > 1 ? ss / (n - 1) : 0;
    stdev = Math.sqrt(variance);
  } else {
    let sss = 0;
    for (const x of xs) sss += (x / scale - mean2 / scale) ** 2;
    stdev = n > 1 ? scale * Math.sqrt(sss / (n - 1)) : 0;
    variance = stdev * stdev;
  }
  return { n, mean: mean2, min, max, variance, stdev };
}
function safeMean(xs, scale = maxAbs(xs)) {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    let sum3 = 0;
    for (const x of xs) sum3 += x;
    return sum3 / xs.length;
  }
  let sum2 = 0;
  for (const x of xs) sum2 += x / scale;
  return sum2 / xs.length * scale;
}
function maxAbs(xs) {
  let s = 0;
  for (const x of xs) if (Math.abs(x) > s) s = Math.abs(x);
  return s;
}
function welch(a, b) {
  if (a.n < 2 || b.n < 2) return null;
  const plain = Number.isFinite(a.variance) && Number.isFinite(b.variance) && Number.isFinite(b.mean - a.mean);
  const s = plain ? 1 : Math.max(Math.abs(a.mean), Math.abs(b.mean), a.stdev, b.stdev);
  if (!Number.isFinite(s)) return null;
  const va = plain ? a.variance / a.n : (a.stdev / s) ** 2 / a.n;
  const vb = plain ? b.variance / b.n : (b.stdev / s) ** 2 / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const t = (plain ? b.mean - a.mean : b.mean / s - a.mean / s) / Math.sqrt(se2);
  const den = va * va / (a.n - 1) + vb * vb / (b.n - 1);
  const df = den > 0 ? (va + vb) * (va + vb) / den : a.n + b.n - 2;
  const p = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
  return { t, df, p };
}
function welchDf(a, b) {
  const plain = Number.isFinite(a.variance) && Number.isFinite(b.variance);
  const s = plain ? 1 : Math.max(a.stdev, b.stdev);
  const va = plain ? a.variance / a.n : (a.stdev / s) ** 2 / a.n;
  const vb = plain ? b.variance / b.n : (b.stdev / s) ** 2 / b.n;
  const den = va * va / (a.n - 1) + vb * vb / (b.n - 1);
  return den > 0 ? (va + vb) * (va + vb) / den : a.n + b.n - 2;
}
function disjointBands(a, b) {
  return a.max < b.min || b.max < a.min;
}
function relChangeCI(a, b, level = 0.95, centres = { a: a.mean, b: b.mean }) {
  if (a.n < 2 || b.n < 2 || Math.abs(centres.a) <= ZERO_MEAN_EPS) return null;
  const absA = Math.abs(centres.a);
  const diff = centres.b - centres.a;
  const rel = Number.isFinite(diff) ? diff / absA : centres.b / absA - centres.a / absA;
  if (!Number.isFinite(rel)) return null;
  let se = Math.sqrt(
    b.variance / b.n / (absA * absA) + centres.b * centres.b * (a.variance / a.n) / (absA * absA * absA * absA)
  );
  if (!Number.isFinite(se))
    se = Math.sqrt((b.stdev / absA) ** 2 / b.n + (centres.b / absA * (a.stdev / absA)) ** 2 / a.n);
  if (!Number.isFinite(se)) return null;
  if (!(se > 0)) return [rel, rel];
  const q = jStat.studentt.inv(1 - (1 - level) / 2, welchDf(a, b));
  const lo = rel - q * se;
  const hi = rel + q * se;
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}
function hedgesG(a, b) {
  if (a.n < 2 || b.n < 2) return null;
  const pooled = ((a.n - 1) * a.variance + (b.n - 1) * b.variance) / (a.n + b.n - 2);
  let d;
  if (Number.isFinite(pooled)) {
    if (!(pooled > 0)) return null;
    d = (b.mean - a.mean) / Math.sqrt(pooled);
  } else {
    const s = Math.max(a.stdev, b.stdev);
    if (!Number.isFinite(s)) return null;
    const ps = ((a.n - 1) * (a.stdev / s) ** 2 + (b.n - 1) * (b.stdev / s) ** 2) / (a.n + b.n - 2);
    d = (b.mean / s - a.mean / s) / Math.sqrt(ps);
  }
  return d * (1 - 3 / (4 * (a.n + b.n) - 9));
}
function welchSe(a, b) {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (!Number.isFinite(se)) return null;
  return { se, df: welchDfOf(va, vb, a.n, b.n) };
}
function welchDfOf(va, vb, na, nb) {
  const den = va * va / (na - 1) + vb * vb / (nb - 1);
  return den > 0 ? (va + vb) * (va + vb) / den : na + nb - 2;
}
function studentTCdf(t, df) {
  return jStat.studentt.cdf(t, df);
}
function studentTInv(p, df) {
  return jStat.studentt.inv(p, df);
}

// src/core/fold.ts
function runValues(def, name, runs, phase = null) {
  const samples = [];
  const weights = [];
  const rate = def && phase === null ? rateComponents(def) : void 0;
  let num2 = rate ? [] : null;
  let den = rate ? [] : null;
  for (const run2 of runs) {
    const vals = phase === null ? run2.values : run2.phases.find((p) => p.stepIndex === phase)?.metrics;
    if (!vals) continue;
    let v = own(vals, name);
    if (rate) {
      const n = own(vals, rate.numerator);
      const d = own(vals, rate.denominator);
      const haveParts = n !== void 0 && d !== void 0;
      if (v === void 0 && haveParts && d !== 0) v = n / d;
      if (v === void 0) continue;
      if (haveParts && num2 && den) {
        num2.push(n);
        den.push(d);
      } else {
        num2 = den = null;
      }
    }
    if (v === void 0) continue;
    samples.push(v);
    weights.push(run2.weight);
  }
  return { samples, weights, components: num2 && den ? { num: num2, den } : null };
}
function own(vals, name) {
  const v = Object.hasOwn(vals, name) ? vals[name] : void 0;
  return typeof v === "number" ? v : void 0;
}
function foldKtstr(def, rv) {
  const xs = rv.samples;
  if (xs.length === 0) return void 0;
  const kind = def?.kind;
  if (kind === "Counter" || kind === "DeltaSum") return sum(xs);
  if (kind === "Peak") return Math.max(...xs);
  if (kind === "Timestamp") return xs[xs.length - 1];
  if (typeof kind === "object") {
    if ("Gauge" in kind) {
      if (kind.Gauge === "Last") return xs[xs.length - 1];
      if (kind.Gauge === "Max") return Math.max(...xs);
      return weightedMean(xs, rv.weights);
    }
    if ("Rate" in kind) return pooledRate(rv);
    if ("Distribution" in kind && kind.Distribution.reduction === "Worst") return Math.max(...xs);
  }
  return mean(xs);
}
function centre(def, rv) {
  const xs = rv.samples;
  if (xs.length === 0) return void 0;
  const kind = def?.kind;
  if (typeof kind === "object") {
    if ("Rate" in kind) return pooledRate(rv);
    if ("Gauge" in kind && kind.Gauge === "Avg") return weightedMean(xs, rv.weights);
  }
  return mean(xs);
}
function pooledRate(rv) {
  if (rv.samples.length === 1) return rv.samples[0];
  const c = rv.components;
  if (c) {
    const q = ratioOfSums(c.num, c.den);
    if (q !== void 0) return q;
  }
  return mean(rv.samples);
}
function ratioOfSums(num2, den) {
  let sn = sum(num2);
  let sd = sum(den);
  let unit = 1;
  if (!Number.isFinite(sn) || !Number.isFinite(sd)) {
    const un = maxAbs(num2);
    const ud = maxAbs(den);
    sn = scaledSum(num2, un);
    sd = scaledSum(den, ud);
    unit = un / ud;
  }
  if (sd === 0) return void 0;
  const q = sn / sd * unit;
  return Number.isFinite(q) ? q : void 0;
}
function weightedMean(xs, ws) {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    sw += ws[i];
    s += xs[i] * ws[i];
  }
  if (!(sw > 0)) return mean(xs);
  if (Number.isFinite(s)) return s / sw;
  const u = maxAbs(xs);
  let t = 0;
  for (let i = 0; i < xs.length; i++) t += xs[i] / u * (ws[i] / sw);
  return t * u;
}
function mean(xs) {
  const s = sum(xs);
  return Number.isFinite(s) ? s / xs.length : safeMean(xs);
}
function scaledSum(xs, unit) {
  if (!(unit > 0)) return sum(xs);
  let s = 0;
  for (const x of xs) s += x / unit;
  return s;
}
function sum(xs) {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

// src/core/gate.ts
function judge(def, a, b, g, ctx = { noise: a.samples.length >= 2 && b.samples.length >= 2 }) {
  const base = sideStats(def, a);
  const head = sideStats(def, b);
  if (!base && !head) return null;
  const mode = ctx.noise ? "noise-adjusted" : "scalar";
  if (!base || !head) return unjudged(mode, base, head, g);
  if (Math.abs(base.value) < ZERO_MEAN_EPS && Math.abs(head.value) < ZERO_MEAN_EPS) {
    if (ctx.skipped) ctx.skipped.bothZero++;
    return null;
  }
  const delta = head.value - base.value;
  const relDelta = relativeDelta(base.value, head.value);
  const rel = relDelta !== null ? Math.abs(relDelta) : relChange(base.value, delta);
  const absCleared = Math.abs(delta) >= g.abs;
  const relCleared = rel >= g.rel;
  const material = absCleared && relCleared;
  const j = {
    verdict: "unchanged",
    mode,
    base,
    head,
    delta: Number.isFinite(delta) ? delta : null,
    relDelta,
    pValue: null,
    pAdjusted: null,
    separated: null,
    disjoint: null,
    material,
    gate: { abs: g.abs, rel: g.rel, absCleared, relCleared },
    ci95: null,
    effectSize: null
  };
  if (!ctx.noise) {
    j.verdict = classify(material, true, delta, g.worse);
    return j;
  }
  if (base.n < 2 || head.n < 2) {
    j.verdict = "noisy";
    return j;
  }
  const da = described(base);
  const db = described(head);
  const pValue = welch(da, db)?.p ?? null;
  const disjoint = disjointBands(da, db);
  const separated = pValue !== null && pValue < g.alpha || disjoint;
  j.verdict = classify(material, separated, delta, g.worse);
  j.pValue = pValue;
  j.separated = separated;
  j.disjoint = disjoint;
  j.ci95 = relChangeCI(da, db, 0.95, { a: base.value, b: head.value });
  j.effectSize = hedgesG(da, db);
  return j;
}
function relativeDelta(a, b) {
  const absA = Math.abs(a);
  if (!(absA > ZERO_MEAN_EPS)) return null;
  const d = b - a;
  return Number.isFinite(d) ? d / absA : b / absA - a / absA;
}
function relChange(base, delta) {
  if (Math.abs(base) > ZERO_MEAN_EPS) return Math.abs(delta / base);
  return Math.abs(delta) > ZERO_MEAN_EPS ? Infinity : 0;
}
function unjudged(mode, base, head, g) {
  return {
    verdict: "coverage",
    mode,
    base,
    head,
    delta: null,
    relDelta: null,
    pValue: null,
    pAdjusted: null,
    separated: null,
    disjoint: null,
    material: false,
    gate: { abs: g.abs, rel: g.rel, absCleared: false, relCleared: false },
    ci95: null,
    effectSize: null
  };
}
function classify(material, separated, delta, worse) {
  if (!material || !separated || delta === 0) return "unchanged";
  if (worse === 0) return "informational";
  return delta * worse > 0 ? "regression" : "improvement";
}
function benjaminiHochberg(ps) {
  const m = ps.length;
  const order = ps.map((p, i) => [p, i]).sort((x, y) => x[0] - y[0]);
  const adj = new Array(m);
  let min = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k];
    min = Math.min(min, p * m / (k + 1));
    adj[i] = min;
  }
  return adj;
}
function sideStats(def, rv) {
  const value = centre(def, rv);
  if (value === void 0) return null;
  const d = describe(rv.samples);
  return {
    n: d.n,
    mean: d.mean,
    min: d.min,
    max: d.max,
    stdev: d.stdev,
    value,
    // A Counter's sum across runs can exceed the double range; the fold is display only.
    fold: finiteOr(foldKtstr(def, rv), value),
    // An exact-size copy: a pushed array keeps spare capacity, and a report holds two per row.
    samples: rv.samples.slice()
  };
}
function finiteOr(x, fallback) {
  return x !== void 0 && Number.isFinite(x) ? x : fallback;
}
function described(s) {
  return { n: s.n, mean: s.mean, min: s.min, max: s.max, variance: s.stdev * s.stdev, stdev: s.stdev };
}
function decide(rows, assertions, gate, sides) {
  if (sides.headSidecars === 0)
    return { verdict: "no-data", reasons: [`no sidecars for HEAD ${sides.headLabel} \u2014 nothing was measured`] };
  if (sides.baseSidecars === 0)
    return {
      verdict: "no-baseline",
      reasons: [`no baseline sidecars for ${sides.baseLabel} \u2014 nothing to compare against; the gate passes`]
    };
  const reasons = [];
  const regressions = rows.filter((r) => r.verdict === "regression");
  const n = regressions.length;
  const plural2 = (k) => `${k} regression${k === 1 ? "" : "s"}`;
  if (gate.failThreshold > 0 && n >= gate.failThreshold)
    reasons.push(`${plural2(n)} \u2265 fail-threshold ${gate.failThreshold}`);
  const mustFail = new Set(gate.mustFail);
  const hitMust = [...new Set(regressions.filter((r) => mustFail.has(r.metric)).map((r) => r.metric))];
  for (const m of hitMust) {
    const where = regressions.filter((r) => r.metric === m).map((r) => r.key);
    reasons.push(`must-fail metric ${m} regressed (${where.join(", ")})`);
  }
  for (const a of assertions.filter((x) => x.tripped))
    reasons.push(
      `assertion ${a.name ?? a.metric} tripped on ${a.key}${a.phase !== null ? ` (phase ${a.phase})` : ""}`
    );
  if (reasons.length > 0) return { verdict: "fail", reasons };
  if (n === 0) reasons.push("no regressions");
  else if (gate.failThreshold === 0) reasons.push(`${plural2(n)}; fail-threshold 0 never fails on the count`);
  else reasons.push(`${plural2(n)} < fail-threshold ${gate.failThreshold}`);
  return { verdict: "pass", reasons };
}
function judgeRuns(def, name, a, b, g, phase = null, ctx) {
  return judge(def, runValues(def, name, a, phase), runValues(def, name, b, phase), g, ctx);
}
function applyFdr(rows, q, registry) {
  const tested = rows.filter((r) => r.mode === "noise-adjusted" && r.verdict !== "coverage");
  const withP = tested.filter((r) => r.pValue !== null);
  const adj = benjaminiHochberg(withP.map((r) => r.pValue));
  withP.forEach((r, i) => r.pAdjusted = adj[i]);
  for (const r of tested) {
    r.separated = r.pAdjusted !== null ? r.pAdjusted < q : !!r.disjoint;
    const def = registry.byName.get(r.metric);
    const worse = def && r.polarity !== "unknown" && kindKnown(def) ? worseSign(def.polarity) : 0;
    const delta = r.delta ?? (r.base && r.head ? r.head.value - r.base.value : 0);
    r.verdict = classify(r.material, r.separated, delta, worse);
  }
}
function judgeAssertions(key, a, b, registry, alpha, ctx = { noise: a.length >= 2 && b.length >= 2 }) {
  const declaring = b[0];
  if (!declaring) return [];
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const decl of declaring.assertions) {
    const id = `${decl.metric}\0${decl.phase}\0${decl.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(judgeAssertion(key, declaring.testName, decl, a, b, registry, alpha, ctx));
  }
  return out;
}
function judgeAssertion(key, test, decl, a, b, registry, alpha, ctx) {
  const def = registry.byName.get(decl.metric);
  const direction = decl.direction !== null && typeof decl.direction !== "object" ? decl.direction : null;
  const polarity = direction ?? def?.polarity ?? "Informational";
  const pct2 = gateValue(decl.maxRegressionPct);
  const res = {
    key,
    test,
    metric: decl.metric,
    name: decl.name,
    phase: decl.phase,
    rel: pct2 !== null ? pct2 / 100 : def?.default_rel ?? 0,
    abs: gateValue(decl.minAbs) ?? def?.default_abs ?? 0,
    direction: polarityLabel(polarity),
    tripped: false,
    skipped: null,
    delta: null,
    relDelta: null,
    pValue: null,
    separated: null
  };
  if (!def) res.skipped = `metric ${decl.metric} is not in the registry`;
  else if (!kindKnown(def))
    res.skipped = `metric ${decl.metric} has a kind this ktstr-perf-gate does not know (${kindLabel(def.kind)}); update ktstr-perf-gate`;
  else if (!ctx.noise || a.length < 2 || b.length < 2)
    res.skipped = "needs \u2265 2 runs per side (PerfDeltaAssertion gates only noise-adjusted comparisons)";
  else {
    const gate = { abs: res.abs, rel: res.rel, worse: worseSign(polarity), alpha };
    const j = judgeRuns(def, decl.metric, a, b, gate, decl.phase, { noise: true });
    if (!j || j.verdict === "coverage") res.skipped = "the metric is missing on a side";
    else if (j.verdict === "noisy") res.skipped = "the metric has fewer than 2 values on a side";
    else {
      res.delta = j.delta;
      res.relDelta = j.relDelta;
      res.pValue = j.pValue;
      res.separated = j.separated;
      res.tripped = j.verdict === "regression";
    }
  }
  return res;
}
function gateValue(v) {
  return v !== null && Number.isFinite(v) && v >= 0 ? v : null;
}
function redecide(c, rows) {
  return decide(
    rows,
    c.assertions,
    { failThreshold: c.options.failThreshold, mustFail: c.options.mustFail },
    {
      baseSidecars: c.baseline.sidecars,
      headSidecars: c.head.sidecars,
      baseLabel: c.baseline.label,
      headLabel: c.head.label
    }
  );
}

// src/core/waiver.ts
var WRITE = ["admin", "maintain", "write"];
function labelStatus(f) {
  const last = f.last;
  if (!last || last.event !== "labeled") return { state: "absent" };
  const by = last.actor;
  if (!f.permission || !WRITE.includes(f.permission))
    return {
      state: "denied",
      by,
      why: `label ${f.label} was applied by @${by}, who has ${f.permission ?? "unknown"} permission on this repository; only write, maintain or admin can accept a regression`
    };
  if (f.trigger && f.trigger.sender === by && f.trigger.headSha === f.headSha)
    return { state: "accepted", by, eventId: last.id, how: "trigger" };
  const r = f.record;
  const recordFits = r !== null && r.label === f.label && r.eventId === last.id && r.by === by;
  if (recordFits && r.sha === f.headSha) return { state: "accepted", by, eventId: last.id, how: "record" };
  const appliedTo = recordFits ? r.sha : null;
  return {
    state: "stale",
    by,
    appliedTo,
    why: `label ${f.label} (applied by @${by}) was applied to ${appliedTo ? appliedTo.slice(0, 7) : "an earlier head"}, not to HEAD ${f.headSha.slice(0, 7)}: it holds only for the head it was applied to \u2014 remove it and apply it again to accept this head`
  };
}
function entryMatches(e, r) {
  return e.metric === r.metric && (e.test === r.test || e.test === r.key);
}
function acceptedByList(rows, list2) {
  const accepted = [];
  const beyond = [];
  for (const r of rows) {
    if (r.verdict !== "regression") continue;
    const named = list2.entries.filter((e) => entryMatches(e, r));
    if (named.length === 0) continue;
    const pct2 = r.relDelta !== null ? Math.abs(r.relDelta) * 100 : Infinity;
    const bound = Math.max(...named.map((e) => e.maxPercent));
    if (pct2 <= bound) accepted.push(r);
    else
      beyond.push(
        `${r.key} ${r.metric} regressed ${Number.isFinite(pct2) ? `${pct2.toFixed(1)} %` : "from a zero baseline"}, beyond the ${bound} % its accept entry in ${list2.source} allows: not accepted`
      );
  }
  return { accepted, beyond };
}
function applyWaivers(c, w) {
  if (c.verdict !== "pass" && c.verdict !== "fail") return c;
  const out = {
    ...c,
    reasons: [...c.reasons],
    notices: [...c.notices],
    waivers: [...c.waivers ?? []]
  };
  const key = (r) => `${r.key}\0${r.metric}`;
  let waived = /* @__PURE__ */ new Set();
  if (w.accept && w.accept.entries.length > 0) {
    const { accepted, beyond } = acceptedByList(c.rows, w.accept);
    out.notices.push(...beyond);
    if (accepted.length > 0) {
      waived = new Set(accepted.map(key));
      const d = redecide(
        c,
        c.rows.filter((r) => !waived.has(key(r)))
      );
      out.verdict = d.verdict;
      out.reasons = [
        // What decide() says of the rows left counted: never "no regressions" beside accepted ones.
        ...d.reasons.map((r) => r === "no regressions" ? "no other regressions" : r),
        `${accepted.length} regression${accepted.length === 1 ? "" : "s"} accepted by the accept entries in ${w.accept.source} (not counted)`
      ];
      out.waivers.push({
        via: "policy",
        by: null,
        source: w.accept.source,
        headSha: null,
        rows: accepted.map((r) => ({ key: r.key, metric: r.metric }))
      });
    }
  }
  const label2 = w.label;
  if (out.verdict === "fail" && label2) {
    const s = label2.status;
    if (s.state === "accepted") {
      const rows = c.rows.filter((r) => r.verdict === "regression" && !waived.has(key(r)));
      const tripped = c.assertions.filter((a) => a.tripped);
      const waiver = {
        via: "label",
        by: s.by,
        source: label2.name,
        headSha: label2.headSha,
        rows: rows.map((r) => ({ key: r.key, metric: r.metric }))
      };
      if (tripped.length > 0)
        waiver.assertions = tripped.map((a) => ({ key: a.key, metric: a.metric, name: a.name }));
      out.waivers.push(waiver);
      out.reasons = [
        `failure accepted by @${s.by} (label ${label2.name}) for head ${label2.headSha.slice(0, 7)}`,
        ...out.reasons.map((r) => `accepted: ${r}`)
      ];
      out.verdict = "pass";
    } else if (s.state === "stale" || s.state === "denied") out.notices.push(`${s.why}; the gate fails`);
  }
  if (out.waivers.length === 0) delete out.waivers;
  return out;
}
function acceptedByLabel(c) {
  return (c.waivers ?? []).some((w) => w.via === "label");
}
function refuteLabelWaiver(c, why) {
  if (!acceptedByLabel(c)) return c;
  const waivers = (c.waivers ?? []).filter((w) => w.via !== "label");
  const reasons = c.reasons.filter((r) => !r.startsWith("failure accepted by @")).map((r) => r.replace(/^accepted: /, ""));
  const out = { ...c, verdict: "fail", reasons: [why, ...reasons] };
  if (waivers.length > 0) out.waivers = waivers;
  else delete out.waivers;
  return out;
}

// src/ktstr/registry-live.ts
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, readFile as readFile2 } from "node:fs/promises";
import path from "node:path";
async function loadRegistry(choice, env) {
  if (choice === "bundled") return { registry: bundledRegistry(), warning: null };
  if (choice !== "auto" && choice !== "live") {
    let json;
    try {
      json = JSON.parse(await readFile2(choice, "utf8"));
    } catch (e) {
      throw new UsageError(
        `--registry ${choice}: cannot read list-metrics JSON (${e.message})`,
        "save one with `cargo ktstr stats list-metrics --json > FILE`, or use --registry bundled"
      );
    }
    return { registry: buildRegistry(json, "live", `list-metrics JSON from ${choice}`), warning: null };
  }
  const exe = await findOnPath("cargo-ktstr", env);
  if (!exe) {
    if (choice === "live") {
      throw new UsageError(
        "--registry live: no cargo-ktstr on PATH",
        "install ktstr (cargo install ktstr) or use --registry bundled"
      );
    }
    return { registry: bundledRegistry(), warning: null };
  }
  try {
    const out = await run(exe, ["ktstr", "stats", "list-metrics", "--json"], env);
    return {
      registry: buildRegistry(JSON.parse(out), "live", `cargo ktstr stats list-metrics (${exe})`),
      warning: null
    };
  } catch (e) {
    if (choice === "live") throw e;
    return {
      registry: bundledRegistry(),
      warning: `cargo-ktstr at ${exe} did not give a usable registry (${oneLine(e)}); using the bundled snapshot`
    };
  }
}
async function findOnPath(name, env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
    }
  }
  return null;
}
function run(exe, args, env) {
  return new Promise((resolve2, reject) => {
    execFile(exe, args, { env, timeout: 3e4, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim().split("\n").pop() || err.message));
      else resolve2(stdout);
    });
  });
}
function oneLine(e) {
  return String(e.message ?? e).split("\n")[0].slice(0, 300);
}

// src/git/baseline.ts
async function resolveBaseline(opts) {
  const git = wo({ baseDir: opts.cwd });
  await assertRepo(git, opts.cwd);
  const headSha = await revParse(git, "HEAD", "HEAD", "make a first commit");
  const dirty = await isDirty(git);
  const head = { ...labelOf(headSha, dirty), dirty };
  const remote = opts.remote ?? "origin";
  const ghBase = opts.env?.GITHUB_BASE_REF?.trim();
  let base;
  let how;
  if (opts.base) {
    base = labelOf(
      await revParse(
        git,
        opts.base,
        `--base ${opts.base}`,
        "give a commit that exists in this clone (git fetch it first)"
      ),
      false
    );
    how = `explicit --base ${opts.base}`;
  } else {
    const [named, source] = opts.baseRef ? [opts.baseRef, "--base-ref"] : ghBase ? [`${remote}/${ghBase}`, "GITHUB_BASE_REF"] : [opts.defaultBranch || "main", "--default-branch"];
    const ref = source === "--default-branch" ? await branchOrRemote(git, named, remote, !!opts.deepen) : named;
    base = labelOf(await mergeBase(git, ref, source, !!opts.deepen, remote), false);
    how = `merge-base(HEAD, ${ref})`;
  }
  if (base.label === head.label)
    throw new UsageError(
      `baseline (${base.label}) resolves to HEAD \u2014 nothing to compare; choose a different --base / --base-ref`
    );
  return { base, head, how };
}
async function isDirty(git) {
  const out = await git.raw(["status", "--porcelain", "--untracked-files=no"]);
  return out.trim().length > 0;
}
function labelOf(sha2, dirty) {
  const short2 = sha2.slice(0, 7).toLowerCase();
  return { sha: sha2, short: short2, label: dirty ? `${short2}-dirty` : short2 };
}
async function assertRepo(git, cwd) {
  const inside = await git.raw(["rev-parse", "--is-inside-work-tree"]).catch(() => "");
  if (inside.trim() !== "true")
    throw new UsageError(
      `${cwd} is not inside a git work tree, so the baseline cannot be resolved`,
      "run from the project checkout, or name both sides with --a-project-commit and --b-project-commit"
    );
}
async function revParse(git, rev, what, fix) {
  try {
    return (await git.raw(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`])).trim() || fail();
  } catch {
    throw new UsageError(`${what}: ${JSON.stringify(rev)} is not a commit in this repository`, fix);
  }
  function fail() {
    throw new Error("empty rev-parse");
  }
}
async function branchOrRemote(git, branch, remote, deepen) {
  if (await commitExists(git, branch)) return branch;
  const tracking = `${remote}/${branch}`;
  if (await commitExists(git, tracking)) return tracking;
  if (!deepen) return branch;
  await tryFetch(git, ["--depth=50", remote, `+refs/heads/${branch}:refs/remotes/${tracking}`]);
  return await commitExists(git, tracking) ? tracking : branch;
}
async function commitExists(git, rev) {
  return (await git.raw(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]).catch(() => "")).trim() !== "";
}
async function mergeBase(git, ref, source, deepen, remote) {
  const shallow = async () => (await git.raw(["rev-parse", "--is-shallow-repository"])).trim() === "true";
  const exists = () => commitExists(git, ref);
  const fetchHint = source === "GITHUB_BASE_REF" ? `fetch it (git fetch ${remote} ${ref.slice(remote.length + 1)}), or use actions/checkout with fetch-depth: 0` : source === "--default-branch" ? `neither ${ref} nor ${remote}/${ref} exists; fetch it (git fetch ${remote} ${ref}), or pass an existing branch with --default-branch or --base-ref` : `fetch it, or pass an existing branch with --base-ref`;
  const spec = ref.startsWith(`${remote}/`) ? [remote, `+refs/heads/${ref.slice(remote.length + 1)}:refs/remotes/${ref}`] : [remote];
  if (!await exists()) {
    if (deepen && spec.length > 1) await tryFetch(git, ["--depth=50", ...spec]);
    if (!await exists())
      throw new UsageError(`${source}: ${ref} is not a branch or commit in this clone`, fetchHint);
  }
  for (let attempt = 0; ; attempt++) {
    const mb = (await git.raw(["merge-base", "HEAD", ref]).catch(() => "")).trim();
    if (mb) return mb;
    if (!await shallow())
      throw new UsageError(
        `${source}: HEAD and ${ref} have no common ancestor`,
        "pick a baseline that shares history with HEAD (--base <commit> or --base-ref <branch>)"
      );
    if (!deepen || attempt >= 6)
      throw new UsageError(
        `${source}: no merge-base of HEAD and ${ref} in this shallow clone`,
        deepen ? `deepening did not reach it; run git fetch --unshallow ${remote}` : `run git fetch --unshallow ${remote} (or actions/checkout with fetch-depth: 0) and try again`
      );
    await tryFetch(git, attempt < 5 ? [`--deepen=${50 * 2 ** attempt}`, ...spec] : ["--unshallow", ...spec]);
  }
}
async function tryFetch(git, args) {
  await git.raw(["fetch", "--quiet", "--no-tags", ...args]).catch(() => void 0);
}

// src/pool/filter.ts
function effectiveFilter(f, side2) {
  return { ...f.shared, ...f[side2] };
}
function slicedDimensions(f) {
  const a = effectiveFilter(f, "a");
  const b = effectiveFilter(f, "b");
  return DIMENSIONS.filter((d) => !sameSet(a[d], b[d]));
}
function pairingDimensions(f) {
  const sliced = new Set(slicedDimensions(f));
  return DIMENSIONS.filter((d) => !sliced.has(d));
}
function selectSide(xs, f, side2) {
  return xs.filter(sideMatcher(f, side2));
}
function sideMatcher(f, side2) {
  const eff = effectiveFilter(f, side2);
  const dims = DIMENSIONS.filter((d) => eff[d] && eff[d].length > 0);
  const sub = f.substring;
  return (s) => dims.every((d) => eff[d].includes(dimValue(s, d))) && (!sub || searchText(s).includes(sub));
}
function assertSliced(f) {
  if (slicedDimensions(f).length === 0)
    throw new UsageError(
      "side A and side B select the same sidecars",
      "slice them on a dimension, e.g. --a-project-commit abc1234 --b-project-commit def5678, or give --base/--base-ref"
    );
}
function describeFilter(f) {
  const parts = DIMENSIONS.filter((d) => f[d]?.length).map((d) => `${d}=${f[d].join("|")}`);
  return parts.length ? parts.join(", ") : "all sidecars";
}
function listValues(xs) {
  const out = {};
  for (const d of DIMENSIONS) {
    const counts = /* @__PURE__ */ new Map();
    for (const s of xs) counts.set(dimValue(s, d), (counts.get(dimValue(s, d)) ?? 0) + 1);
    out[d] = [...counts].map(([value, sidecars]) => ({ value, sidecars })).sort((x, y) => x.value < y.value ? -1 : 1);
  }
  return out;
}
function searchText(s) {
  return `${s.testName}/${s.topology}/${s.scheduler}/${s.workType}`;
}
function sameSet(x, y) {
  const a = new Set(x ?? []);
  const b = new Set(y ?? []);
  return a.size === b.size && [...a].every((v) => b.has(v));
}
function valuesText(values, max = 8) {
  if (values.length === 0) return "none";
  const shown2 = values.slice(0, max).map((v) => `${clip(v.value)} (${v.sidecars})`);
  if (values.length > max) shown2.push(`\u2026 ${values.length - max} more (see list-values)`);
  return shown2.join(", ");
}
function explainEmpty(xs, f, o) {
  const who = o.side === "b" ? "HEAD (side B)" : "the baseline (side A)";
  const eff = effectiveFilter(f, o.side);
  const selection = [describeFilter(eff), ...f.substring ? [`-E ${clip(f.substring)}`] : []].join(", ");
  const head = `no sidecars for ${who}, ${selection}`;
  if (xs.length === 0)
    return {
      line: `${head}: the pool holds no sidecars \u2014 none were produced: run cargo ktstr test (or ktstr-agent produce), or point --dir at a pool that has them`,
      cause: "no-sidecars"
    };
  const values = listValues(xs);
  const misses = [];
  const typed = [];
  for (const d of DIMENSIONS) {
    const want = eff[d];
    if (!want?.length) continue;
    const held = values[d];
    if (want.some((v) => held.some((h) => h.value === v))) continue;
    const near = want.map(
      (v) => nearestValue(
        v,
        held.map((h) => h.value)
      )
    ).find((v) => v !== null);
    misses.push(
      `${d} ${want.map(clip).join("|")} is not in the pool, which holds ${d} ${valuesText(held)}${near ? `; did you mean ${clip(near)}?` : ""}`
    );
    if (!o.fromGit.includes(d)) typed.push(flagOf(f, o.side, d));
  }
  if (f.substring && !xs.some((s) => searchText(s).includes(f.substring))) {
    const names = [...new Set(xs.map((s) => s.testName))].sort();
    const near = nearestSubstring(f.substring, names);
    misses.push(
      `-E ${clip(f.substring)} matches no test, scheduler, topology or work type; the pool holds tests ${valuesText(countOf(xs.map((s) => s.testName)))}${near ? `; did you mean -E ${clip(near)}?` : ""}`
    );
    typed.push("-E");
  }
  const what = o.side === "b" ? "HEAD's" : "the baseline's";
  if (misses.length === 0) {
    const shown2 = DIMENSIONS.filter((d) => eff[d]?.length).map((d) => `${d} ${valuesText(values[d], 5)}`);
    if (o.fromGit.length > 0)
      return {
        line: `${head}: the pool holds each value (${shown2.join("; ")}), but no sidecar of that commit has them all \u2014 ${what} sidecars were not produced for this selection`,
        cause: "not-produced"
      };
    return {
      line: `${head}: each value is in the pool, but no sidecar has them all (the pool holds ${shown2.join("; ")}) \u2014 loosen a filter (list-values shows the pool)`,
      cause: "no-combination"
    };
  }
  if (typed.length > 0)
    return { line: `${head}: ${misses.join("; ")} \u2014 likely a typo in ${typed.join(", ")}`, cause: "typo" };
  return {
    line: `${head}: ${misses.join("; ")} \u2014 ${what} sidecars were not produced: run cargo ktstr test at that commit (or ktstr-agent produce)`,
    cause: "not-produced"
  };
}
function assertDisjoint(a, b, f) {
  const inB = new Set(b);
  const shared = a.filter((s) => inB.has(s));
  if (shared.length === 0) return;
  const sliced = slicedDimensions(f);
  const sharedValues = sliced.map((d) => `${d} ${valuesText(listValues(shared)[d], 4)}`).join("; ");
  const fixes = sliced.map((d) => {
    const ea = effectiveFilter(f, "a")[d];
    const eb = effectiveFilter(f, "b")[d];
    const open2 = !ea?.length ? "a" : !eb?.length ? "b" : null;
    if (!open2) return `keep the ${d} values of --a-${d} and --b-${d} apart`;
    const taken = new Set((open2 === "a" ? eb : ea) ?? []);
    const others = listValues(a.concat(b))[d].filter((v) => !taken.has(v.value));
    return `give side ${open2.toUpperCase()} its own --${open2}-${d}${others.length ? ` (the pool's other ${d} values: ${valuesText(others, 5)})` : ""}`;
  });
  throw new UsageError(
    `side A (${describeFilter(effectiveFilter(f, "a"))}) and side B (${describeFilter(effectiveFilter(f, "b"))}) share ${shared.length} sidecar(s) (${sharedValues}), so the baseline would hold HEAD's own runs`,
    fixes.join("; ")
  );
}
function flagOf(f, side2, d) {
  return f[side2][d]?.length ? `--${side2}-${d}` : `--${d}`;
}
function countOf(xs) {
  const counts = /* @__PURE__ */ new Map();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([value, sidecars]) => ({ value, sidecars })).sort((x, y) => x.value < y.value ? -1 : 1);
}
function clip(s) {
  return s.length > 80 ? `${s.slice(0, 79)}\u2026` : s;
}

// src/pool/compare-pool.ts
import { stat } from "node:fs/promises";
import path2 from "node:path";

// src/core/sequential.ts
var SEQUENTIAL_DEFAULTS = {
  alpha: 1e-3,
  gamma: 0.25,
  maxRuns: 20,
  futility: 0.85,
  variance: "larger"
};
var RUNS_NEEDED_CAP = 1e3;
function effectiveGate(row) {
  const baseAbs = Math.abs(row.base.value);
  const rel = baseAbs > ZERO_MEAN_EPS && Number.isFinite(row.gate.rel) ? row.gate.rel * baseAbs : 0;
  return Math.max(row.gate.abs, rel);
}
function judgeSequential(row, p) {
  const G = effectiveGate(row);
  const w = row.worse * (row.head.value - row.base.value);
  const spread = commonSpread(row.base, row.head, p.variance);
  const a = described2(row.base, spread);
  const b = described2(row.head, spread);
  const ws = p.variance === "pooled" ? pooledSe(a, b) : welchSe(a, b);
  if (!ws || !Number.isFinite(w)) {
    const state = row.head.n >= p.maxRuns ? "inconclusive" : "undecided";
    return { state, runsNeeded: null, pWorse: null };
  }
  if (!(ws.se > 0)) {
    const state = w >= G && w > 0 ? "regression" : -w >= G && w < 0 ? "improvement" : "unchanged";
    return { state, runsNeeded: null, pWorse: null };
  }
  const t = w / ws.se;
  const pWorse = studentTCdf(-t, ws.df);
  const pBetter = studentTCdf(t, ws.df);
  if (w >= G && pWorse < p.alpha) return { state: "regression", runsNeeded: null, pWorse };
  if (-w >= G && pBetter < p.alpha) return { state: "improvement", runsNeeded: null, pWorse };
  const q = studentTInv(1 - p.gamma, ws.df);
  if (w + q * ws.se < G) return { state: "unchanged", runsNeeded: null, pWorse };
  const runsNeeded = estimateRuns(a, b, w, G, p);
  if (row.head.n >= p.maxRuns || futile(a, b, G, p)) return { state: "inconclusive", runsNeeded, pWorse };
  return { state: "undecided", runsNeeded, pWorse };
}
function commonSpread(a, b, how) {
  if (how === "larger") return Math.max(a.stdev, b.stdev);
  return Math.sqrt(((a.n - 1) * a.stdev * a.stdev + (b.n - 1) * b.stdev * b.stdev) / (a.n + b.n - 2));
}
function pooledSe(a, b) {
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  return Number.isFinite(se) ? { se, df: a.n + b.n - 2 } : null;
}
function futile(a, b, G, p) {
  const na = Math.max(a.n, p.maxRuns);
  const nb = Math.max(b.n, p.maxRuns);
  const va = a.variance / na;
  const vb = b.variance / nb;
  const df = p.variance === "pooled" ? na + nb - 2 : welchDfOf(va, vb, na, nb);
  const q = studentTInv(1 - p.gamma, df);
  return q * Math.sqrt(va + vb) >= p.futility * G;
}
function estimateRuns(a, b, w, G, p) {
  const target = w >= G ? w / normalInv(1 - p.alpha) : (G - w) / normalInv(1 - p.gamma);
  if (!(target > 0)) return RUNS_NEEDED_CAP;
  const t2 = target * target;
  for (let n = b.n + 1; n <= RUNS_NEEDED_CAP; n++)
    if (a.variance / Math.max(a.n, n) + b.variance / n <= t2) return n;
  return RUNS_NEEDED_CAP;
}
function normalInv(p) {
  return studentTInv(p, 1e6);
}
function described2(s, stdev) {
  return { n: s.n, mean: s.value, min: s.min, max: s.max, variance: stdev * stdev, stdev };
}
function worseOf(polarity) {
  if (polarity === "higher") return -1;
  if (polarity === "lower" || polarity === "target") return 1;
  return null;
}
function applySequential(rows, p) {
  const tests = /* @__PURE__ */ new Map();
  for (const r of rows) {
    if (!r.base || !r.head) continue;
    let t = tests.get(r.key);
    if (!t) {
      t = {
        key: r.key,
        test: r.test,
        baseRuns: 0,
        headRuns: 0,
        undecided: 0,
        inconclusive: 0,
        runsNeeded: null
      };
      tests.set(r.key, t);
    }
    t.baseRuns = Math.max(t.baseRuns, r.base.n);
    t.headRuns = Math.max(t.headRuns, r.head.n);
    const worse = worseOf(r.polarity);
    if (r.mode !== "noise-adjusted" || r.base.n < 2 || r.head.n < 2 || worse === null) continue;
    if (r.verdict === "coverage" || r.verdict === "noisy") continue;
    const j = judgeSequential({ base: r.base, head: r.head, gate: r.gate, worse }, p);
    r.state = j.state;
    r.runsNeeded = j.runsNeeded;
    r.verdict = j.state === "regression" || j.state === "improvement" ? j.state : "unchanged";
    if (j.state === "undecided") {
      t.undecided++;
      t.runsNeeded = Math.max(t.runsNeeded ?? 0, j.runsNeeded ?? 0);
    } else if (j.state === "inconclusive") t.inconclusive++;
  }
  return [...tests.values()].sort((x, y) => x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}
function sequentialNotices(tests, p) {
  const out = [];
  const open2 = tests.filter((t) => t.undecided > 0);
  if (open2.length > 0) {
    const rows = open2.reduce((s, t) => s + t.undecided, 0);
    const need = Math.min(p.maxRuns, Math.max(...open2.map((t) => t.runsNeeded ?? 0)));
    out.push(
      `${rows} row(s) in ${open2.length} test(s) undecided (sequential rule): more runs would decide them, \u2248 ${need} runs per side (max-runs ${p.maxRuns}); they do not fail the gate`
    );
  }
  const stuck = tests.reduce((s, t) => s + t.inconclusive, 0);
  if (stuck > 0)
    out.push(
      `${stuck} row(s) inconclusive (sequential rule): too noisy for their gate, or still undecided at max-runs ${p.maxRuns}; they do not fail the gate`
    );
  return out;
}

// src/core/compare.ts
var FAIL_THRESHOLD_DEFAULT = 5;
var ALPHA_DEFAULT = 0.05;
function compare(input) {
  const { registry } = input;
  const opts = input.options ?? {};
  const alpha = opts.alpha ?? ALPHA_DEFAULT;
  const failThreshold = opts.failThreshold ?? FAIL_THRESHOLD_DEFAULT;
  const mustFail = [...opts.mustFail ?? []];
  const notices = [];
  const base = dedupe(input.base, notices, "baseline");
  const head = dedupe(input.head, notices, "HEAD");
  const { keyOf, labelOf: labelOf2 } = pairing(input.pairOn, [...base, ...head]);
  const groupsA = group(base, keyOf);
  const groupsB = group(head, keyOf);
  refuseScalarPolicy(opts.policy, groupsA, groupsB, labelOf2);
  const p = judgePairs(groupsA, groupsB, labelOf2, registry, { alpha, mustFail, policy: opts.policy });
  const { rows, assertions } = p;
  const rule = opts.rule ?? "ktstr";
  const seq = rule === "sequential" ? { ...SEQUENTIAL_DEFAULTS, ...opts.sequential } : null;
  if (opts.fdr != null && !seq) applyFdr(rows, opts.fdr, registry);
  const tests = seq ? applySequential(rows, seq) : [];
  rows.sort(rowOrder);
  const mode = p.noise ? "noise-adjusted" : "scalar";
  if (mode === "scalar" && mustFail.length) parseMustFail(mustFail.join(","), registry, false);
  notices.push(...pairNotices(p, groupsA, groupsB, labelOf2));
  if (seq) notices.push(...sequentialNotices(tests, seq));
  if (seq && opts.fdr != null)
    notices.push("--fdr is ignored under the sequential rule, which sets its own \u03B1");
  const count2 = (v) => rows.filter((r) => r.verdict === v).length;
  const countState = (st) => rows.filter((r) => r.state === st).length;
  const { verdict, reasons } = decide(
    rows,
    assertions,
    { failThreshold, mustFail },
    {
      baseSidecars: base.length,
      headSidecars: head.length,
      baseLabel: input.baseline.label,
      headLabel: input.headSpec.label
    }
  );
  return {
    schemaVersion: 1,
    verdict,
    reasons,
    notices,
    baseline: sideInfo(input.baseline, base, maxRuns(groupsA)),
    head: sideInfo(input.headSpec, head, maxRuns(groupsB)),
    mode,
    rule,
    tests,
    registry: { source: registry.source, detail: registry.detail, hash: registry.hash },
    options: {
      alpha,
      failThreshold,
      mustFail,
      thresholdPercent: opts.thresholdPercent ?? null,
      policy: opts.policySource ?? null,
      filter: opts.filter ?? null,
      fdr: opts.fdr ?? null,
      sequential: seq
    },
    counts: {
      regressions: count2("regression"),
      improvements: count2("improvement"),
      // Undecided and inconclusive rows are not shown to be unchanged: they have counts of their own.
      unchanged: count2("unchanged") - countState("undecided") - countState("inconclusive"),
      informational: count2("informational"),
      coverage: count2("coverage"),
      noisy: count2("noisy"),
      bothZero: p.bothZero,
      excluded: p.excludedPairs.length,
      droppedRuns: p.droppedRuns,
      newInHead: p.newInHead.length,
      removedFromBase: p.removedFromBase.length,
      malformed: input.malformed?.length ?? 0,
      assertionsTripped: assertions.filter((a) => a.tripped).length,
      unknownMetrics: p.unknown.size,
      undecided: countState("undecided"),
      inconclusive: countState("inconclusive")
    },
    rows,
    assertions,
    excludedPairs: p.excludedPairs,
    newInHead: p.newInHead.sort(),
    removedFromBase: p.removedFromBase,
    malformed: [...input.malformed ?? []].sort((x, y) => x.file < y.file ? -1 : x.file > y.file ? 1 : 0),
    unknownMetrics: [...p.unknown].sort()
  };
}
function pairing(pairOn, all) {
  const keyDims = ["topology", "work-type", ...pairOn.filter((d) => d !== "topology" && d !== "work-type")].filter((d) => pairOn.includes(d));
  const labelDims = keyDims.filter((d) => d === "topology" || d === "work-type" || distinct(all, d) > 1);
  const mainDims = labelDims.filter((d) => d === "topology" || d === "work-type");
  const extraDims = labelDims.filter((d) => d !== "topology" && d !== "work-type");
  const showDenomination = new Set(all.map((s) => s.throughputDenomination)).size > 1;
  const keyOf = (s) => [s.testName, s.throughputDenomination, ...keyDims.map((d) => dimValue(s, d))].join("\0");
  const labelOf2 = (s) => {
    const main = [s.testName, ...mainDims.map((d) => dimValue(s, d))].join("/");
    const extra = extraDims.map((d) => `${d}=${dimValue(s, d)}`);
    if (showDenomination) extra.push(`throughput=${s.throughputDenomination}`);
    return extra.length ? `${main} [${extra.join(", ")}]` : main;
  };
  return { keyOf, labelOf: labelOf2 };
}
function refuseScalarPolicy(policy, groupsA, groupsB, labelOf2) {
  const set = policy?.default_percent != null || Object.keys(policy?.per_metric_percent ?? {}).length > 0;
  const repeated = set ? firstNoisePair(groupsA, groupsB) : void 0;
  if (repeated)
    throw new UsageError(
      `--threshold / --policy gate the scalar comparison only (one run per side), as in ktstr where they conflict with --noise-adjust; these sides hold repeated runs (${labelOf2(repeated[0])}: ${usableCount(repeated)} runs)`,
      "drop --threshold / --policy (the Action inputs threshold / policy): with repeated runs the registry gates and the Welch test decide"
    );
}
function firstNoisePair(groupsA, groupsB) {
  for (const [k, runsA] of [...groupsA].sort(byKey)) {
    const runsB = groupsB.get(k);
    if (!runsB) continue;
    if (usableCount(runsA) >= 2) return runsA;
    if (usableCount(runsB) >= 2) return runsB;
  }
  return void 0;
}
function noiseMode(groupsA, groupsB) {
  for (const [k, runsA] of groupsA) {
    const runsB = groupsB.get(k);
    if (runsB && Math.max(usableCount(runsA), usableCount(runsB)) >= 2) return true;
  }
  return false;
}
function judgePairs(groupsA, groupsB, labelOf2, registry, o) {
  const p = {
    noise: noiseMode(groupsA, groupsB),
    rows: [],
    assertions: [],
    excludedPairs: [],
    newInHead: [],
    removedFromBase: [],
    unknown: /* @__PURE__ */ new Set(),
    unknownKind: /* @__PURE__ */ new Set(),
    droppedRuns: 0,
    bothZero: 0
  };
  const ctx = { noise: p.noise, skipped: { bothZero: 0 } };
  for (const [k, runsHead] of groupsB) if (!groupsA.has(k)) p.newInHead.push(labelOf2(runsHead[0]));
  for (const [k, runsBase] of [...groupsA].sort(byKey)) {
    const runsHead = groupsB.get(k);
    const label2 = labelOf2(runsBase[0]);
    if (!runsHead) {
      p.removedFromBase.push(label2);
      continue;
    }
    const passA = runsBase.filter(isUsable);
    const passB = runsHead.filter(isUsable);
    if (passA.length === 0 || passB.length === 0) {
      const why = [
        passA.length === 0 ? `baseline: ${stateSummary(runsBase)}` : null,
        passB.length === 0 ? `HEAD: ${stateSummary(runsHead)}` : null
      ].filter(Boolean);
      p.excludedPairs.push({ key: label2, reason: why.join("; ") });
      continue;
    }
    p.droppedRuns += runsBase.length - passA.length + runsHead.length - passB.length;
    const first = passB[0];
    const ident = {
      key: label2,
      test: first.testName,
      topology: first.topology,
      scheduler: first.scheduler,
      workType: first.workType,
      kernel: first.kernel
    };
    judgeMetrics(p, ident, passA, passB, registry, o, ctx);
    p.assertions.push(...judgeAssertions(label2, passA, passB, registry, o.alpha, ctx));
  }
  p.bothZero = ctx.skipped.bothZero;
  return p;
}
function judgeMetrics(p, ident, passA, passB, registry, o, ctx) {
  for (const def of registry.metrics) {
    if (!gatesAggregate(def, p.noise)) continue;
    const known = kindKnown(def);
    const gate = {
      abs: def.default_abs,
      rel: relThreshold(def, o.policy),
      worse: known ? worseSign(def.polarity) : 0,
      alpha: o.alpha
    };
    const j = judgeRuns(known ? def : void 0, def.name, passA, passB, gate, null, ctx);
    if (!j) continue;
    if (!known) p.unknownKind.add(`${def.name} (${kindLabel(def.kind)})`);
    const polarity = known ? polarityLabel(def.polarity) : "informational";
    p.rows.push(makeRow(ident, def.name, def.display_unit, polarity, o.mustFail.includes(def.name), j));
  }
  for (const name of unknownNames(passA, passB, registry)) {
    p.unknown.add(name);
    const gate = {
      abs: 0,
      rel: o.policy?.default_percent != null ? o.policy.default_percent / 100 : 0.1,
      worse: 0,
      alpha: o.alpha
    };
    const j = judgeRuns(void 0, name, passA, passB, gate, null, ctx);
    if (j) p.rows.push(makeRow(ident, name, "", "unknown", false, j));
  }
}
function pairNotices(p, groupsA, groupsB, labelOf2) {
  const out = [];
  const noisy = p.rows.filter((r) => r.verdict === "noisy").length;
  if (noisy > 0)
    out.push(
      `${noisy} row(s) noisy: a side had fewer than 2 usable runs where others have \u2265 2 (ktstr --noise-adjust); they never gate`
    );
  if (p.droppedRuns > 0)
    out.push(`${p.droppedRuns} non-passing run(s) dropped from pairs that still had passing runs`);
  if (p.unknownKind.size > 0)
    out.push(
      `${p.unknownKind.size} registry metric(s) of a kind this ktstr-perf-gate does not know were shown as informational, never gated (update ktstr-perf-gate): ${[...p.unknownKind].sort().join(", ")}`
    );
  if (p.unknown.size > 0)
    out.push(
      `${p.unknown.size} metric name(s) not in the registry were shown as informational: ${[...p.unknown].sort().join(", ")}`
    );
  const huge = p.rows.filter(outOfRange).length;
  if (huge > 0)
    out.push(
      `${huge} row(s) have a difference or spread beyond the double range (\xB11.8e308): shown as out of range (null in the JSON); the verdict still counts them`
    );
  const split = denominationSplits(groupsA, groupsB, labelOf2);
  if (split.length > 0)
    out.push(
      `${split.length} test(s) not paired because their throughput_denomination differs between the sides (ktstr never compares wall-clock and CPU-second rates): ${split.join(", ")}`
    );
  return out;
}
function outOfRange(r) {
  if (r.base === null || r.head === null) return false;
  return r.delta === null || !Number.isFinite(r.base.stdev) || !Number.isFinite(r.head.stdev);
}
function denominationSplits(groupsA, groupsB, labelOf2) {
  const strip = (k) => {
    const parts = k.split("\0");
    parts.splice(1, 1);
    return parts.join("\0");
  };
  const onlyA = /* @__PURE__ */ new Map();
  for (const [k, g] of groupsA) if (!groupsB.has(k)) onlyA.set(strip(k), g[0]);
  const out = /* @__PURE__ */ new Set();
  for (const [k, g] of groupsB)
    if (!groupsA.has(k)) {
      const a = onlyA.get(strip(k));
      if (a) out.add(`${labelOf2(a)} \u2192 ${labelOf2(g[0])}`);
    }
  return [...out].sort();
}
function usableCount(runs) {
  let n = 0;
  for (const s of runs) if (isUsable(s)) n++;
  return n;
}
function maxRuns(groups) {
  let n = 0;
  for (const g of groups.values()) n = Math.max(n, usableCount(g));
  return n;
}
function makeRow(id, metric, unit, polarity, mustFail, j) {
  return {
    key: id.key,
    test: id.test,
    topology: id.topology,
    scheduler: id.scheduler,
    workType: id.workType,
    kernel: id.kernel,
    metric,
    unit,
    polarity,
    verdict: j.verdict,
    mode: j.mode,
    base: j.base,
    head: j.head,
    delta: j.delta,
    relDelta: j.relDelta,
    pValue: j.pValue,
    pAdjusted: j.pAdjusted,
    separated: j.separated,
    disjoint: j.disjoint,
    material: j.material,
    gate: j.gate,
    ci95: j.ci95,
    effectSize: j.effectSize,
    mustFail,
    state: null,
    runsNeeded: null
  };
}
function unknownNames(a, b, registry) {
  const names = /* @__PURE__ */ new Set();
  for (const s of [...a, ...b]) for (const k in s.values) if (!registry.byName.has(k)) names.add(k);
  return [...names].sort();
}
function dedupe(xs, notices, side2) {
  const sorted = [...xs].sort(
    (x, y) => cmp(x.timestamp, y.timestamp) || cmp(x.runId, y.runId) || cmp(x.testName, y.testName) || cmp(x.file, y.file)
  );
  const seen = /* @__PURE__ */ new Map();
  const out = [];
  for (const s of sorted) {
    const id = JSON.stringify([
      s.runId,
      s.timestamp,
      s.testName,
      s.topology,
      s.scheduler,
      s.workType,
      s.kernel,
      s.projectCommit,
      baseName(s.file)
    ]);
    const same = seen.get(id);
    if (same) {
      const values = JSON.stringify(s.values);
      if (same.some((o) => JSON.stringify(o.values) === values)) continue;
      same.push(s);
    } else seen.set(id, [s]);
    out.push(s);
  }
  if (out.length < xs.length)
    notices.push(`${xs.length - out.length} duplicate ${side2} sidecar(s) of the same run ignored`);
  return out;
}
function group(xs, keyOf) {
  const m = /* @__PURE__ */ new Map();
  for (const s of xs) {
    const k = keyOf(s);
    const g = m.get(k);
    if (g) g.push(s);
    else m.set(k, [s]);
  }
  return m;
}
function sideInfo(spec, xs, runs) {
  const hosts = /* @__PURE__ */ new Set();
  for (const s of xs) {
    const h = s.host;
    const name = h && typeof h === "object" ? h.cpu_model ?? h.hostname ?? h.kernel_release : void 0;
    if (typeof name === "string") hosts.add(name);
  }
  return {
    label: spec.label,
    sha: spec.sha ?? null,
    how: spec.how,
    sidecars: xs.length,
    runs,
    kernels: [...new Set(xs.map((s) => s.kernel ?? "unknown"))].sort(),
    hosts: [...hosts].sort()
  };
}
function stateSummary(runs) {
  const skipped = runs.filter((s) => s.skipped).length;
  const inconclusive = runs.filter((s) => s.inconclusive && !s.skipped).length;
  const expected = runs.filter((s) => s.passed && !s.skipped && !s.inconclusive && s.expectedFailure).length;
  const failed = runs.length - skipped - inconclusive - expected;
  const parts = [
    failed && `${failed} failed`,
    skipped && `${skipped} skipped`,
    inconclusive && `${inconclusive} inconclusive`,
    expected && `${expected} expected failure${expected === 1 ? "" : "s"}`
  ].filter(Boolean);
  return `no passing run (${parts.join(", ")} of ${runs.length})`;
}
var ORDER = {
  regression: 0,
  improvement: 1,
  informational: 2,
  noisy: 3,
  coverage: 4,
  unchanged: 5
};
function rowOrder(x, y) {
  const byVerdict = ORDER[x.verdict] - ORDER[y.verdict];
  if (byVerdict) return byVerdict;
  if (x.verdict === "regression" || x.verdict === "improvement" || x.verdict === "informational") {
    const mx = Math.abs(x.relDelta ?? Infinity);
    const my = Math.abs(y.relDelta ?? Infinity);
    if (mx !== my) return my - mx > 0 ? 1 : -1;
  }
  return cmp(x.key, y.key) || cmp(x.metric, y.metric);
}
function distinct(xs, d) {
  return new Set(xs.map((s) => dimValue(s, d))).size;
}
function byKey(x, y) {
  return cmp(x[0], y[0]);
}
function baseName(p) {
  const i = p.lastIndexOf("/");
  return i >= 0 ? p.slice(i + 1) : p;
}
function cmp(a, b) {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

// src/pool/manifest.ts
import { mkdir, readdir, readFile as readFile3, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
var MANIFEST_FILE = "manifest.json";
var MANIFEST_KIND = "ktstr-perf-gate/run-manifest";
var MAX_MANIFEST_BYTES = 256 * 1024;
var sha = external_exports.string().regex(/^[0-9a-f]{40}$/, "expected a 40-hex commit id");
var short = external_exports.string().regex(/^[0-9a-f]{7}(-dirty)?$/, "expected a 7-hex commit label");
var isoTime = external_exports.string().datetime({ offset: true });
var hostSchema = external_exports.object({
  /** Stable hash of the host's identity (hostname, CPU model, CPUs, memory, kernel). */
  fingerprint: external_exports.string().min(1),
  hostname: external_exports.string(),
  cpuModel: external_exports.string(),
  cpus: external_exports.number().int().nonnegative(),
  memoryBytes: external_exports.number().nonnegative(),
  kernelRelease: external_exports.string()
});
var manifestSchema = external_exports.object({
  schemaVersion: external_exports.literal(1),
  kind: external_exports.literal(MANIFEST_KIND),
  /** `base` = the baseline side (A), `head` = the candidate side (B). */
  side: external_exports.enum(["base", "head"]),
  commit: sha,
  /** The label ktstr writes into `project_commit` and the pool directory name. */
  commitShort: short,
  /** The `--kernel` value the run booted. */
  kernel: external_exports.string().min(1),
  /** 1-based index of this run among its side's runs (the `run-<i>` directory). */
  runIndex: external_exports.number().int().positive(),
  /** 1-based position in the produce's interleaved order; null when restored from the cache. */
  sequence: external_exports.number().int().positive().nullable(),
  /** Runs this produce scheduled in total (both sides). */
  totalRuns: external_exports.number().int().nonnegative(),
  startedAt: isoTime,
  endedAt: isoTime,
  durationMs: external_exports.number().nonnegative(),
  exitStatus: external_exports.object({ code: external_exports.number().int().nullable(), signal: external_exports.string().nullable() }),
  /**
   * `ok` = exit 0 and every test passed; `test-failure` = some test has no passing sample: it failed
   * (kept, never retried), or it was skipped or left no sidecar after every retry (see the lists below).
   */
  outcome: external_exports.enum(["ok", "test-failure"]),
  /** How many times the run was started (1 + infrastructure retries). */
  attempts: external_exports.number().int().positive(),
  /** Sidecar file names in this directory, sorted. */
  sidecars: external_exports.array(external_exports.string()),
  host: hostSchema,
  ktstrVersion: external_exports.string(),
  /** Hash of the metric registry `stats list-metrics --json` printed on the host (registry.ts). */
  registryHash: external_exports.string(),
  agentVersion: external_exports.string(),
  /** `produced` = run by the agent now; `cache` = copied from the agent's host cache. */
  source: external_exports.enum(["produced", "cache"]),
  /**
   * The produce call that made the run (a random id; kept when the run is copied from the cache).
   * Baseline runs with the id of one of HEAD's runs were made interleaved with them: the sentinel.
   */
  produceId: external_exports.string().max(100).optional(),
  filter: external_exports.string().nullable(),
  /** The argv of the ktstr command that produced the run (no shell). */
  command: external_exports.array(external_exports.string()),
  /** Where ktstrVersion came from (`cargo install --list`, `--version`, `unknown`): ktstr has no `--version`. */
  ktstrVersionSource: external_exports.string().optional(),
  /** The ktstr version(s) the commit's Cargo.lock pins (what its tests build against), or null. */
  testKtstrVersion: external_exports.string().nullable().optional(),
  /** Tests whose sidecar says failed or inconclusive, or that nextest reported failed. */
  failedTests: external_exports.array(external_exports.string()).optional(),
  /** Tests that wrote a skip sidecar (no sample; ResourceContention is the usual cause). */
  skippedTests: external_exports.array(external_exports.string()).optional(),
  /** Tests known to exist (nextest output, earlier attempts) that left no sidecar (no sample). */
  missingTests: external_exports.array(external_exports.string()).optional(),
  /** Why each retried attempt was retried (transient guest or host-resource failures). */
  retryReasons: external_exports.array(external_exports.string()).optional()
});
function parseManifest(text, file) {
  if (text.length > MAX_MANIFEST_BYTES)
    return { ok: false, error: `${file}: ${text.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit` };
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${file}: not valid JSON (${e.message})` };
  }
  const r = manifestSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path3 = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("");
    return { ok: false, error: `${file}: $${path3}: ${issue.message}` };
  }
  return { ok: true, manifest: r.data };
}
async function readManifest(dir) {
  const file = join(dir, MANIFEST_FILE);
  let text;
  try {
    text = await readFile3(file, "utf8");
  } catch (e) {
    const code = e.code;
    return { ok: false, error: `${file}: ${code === "ENOENT" ? "missing" : e.message}` };
  }
  return parseManifest(text, file);
}
async function poolManifests(root, keep = () => true) {
  const out = [];
  const nonDotDirs = async (dir) => (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
  const runDirs = [];
  for (const d of await nonDotDirs(root))
    if (!d.startsWith(ARTIFACT_DIR_PREFIX)) runDirs.push(d);
    else for (const r of await nonDotDirs(join(root, d))) runDirs.push(`${d}/${r}`);
  for (const d of runDirs.filter(keep))
    for (const run2 of [d, ...(await nonDotDirs(join(root, d))).map((r) => `${d}/${r}`)]) {
      const result = await readManifest(join(root, run2));
      if (!result.ok && result.error.endsWith(": missing")) continue;
      out.push({ run: run2, result });
    }
  return out;
}
async function restorableRuns(root, expect) {
  const out = { runs: [], refused: [] };
  const entries = async (dir) => await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const side2 of await entries(root)) {
    if (side2.name.startsWith(".")) continue;
    if (!side2.isDirectory() || !side2.name.endsWith(`-${expect.label}`)) {
      out.refused.push(`${side2.name}: not a run directory of ${expect.label}`);
      continue;
    }
    for (const e of await entries(join(root, side2.name))) {
      const run2 = `${side2.name}/${e.name}`;
      if (e.name.startsWith(".")) continue;
      if (!e.isDirectory()) {
        out.refused.push(`${run2}: outside a run-<i>/ directory`);
        continue;
      }
      const why = restoreMismatch(await readManifest(join(root, run2)), expect);
      if (why) out.refused.push(`${run2}: ${why}`);
      else out.runs.push(run2);
    }
  }
  out.runs.sort();
  return out;
}
function restoreMismatch(m, expect) {
  if (!m.ok) return m.error.endsWith(": missing") ? `no ${MANIFEST_FILE}` : m.error;
  const r = m.manifest;
  if (r.commit !== expect.commit || r.commitShort !== expect.label)
    return `made for commit ${r.commitShort}, not ${expect.label}`;
  if (expect.kernel && r.kernel !== expect.kernel) return `booted kernel ${r.kernel}, not ${expect.kernel}`;
  if (r.registryHash !== expect.registryHash)
    return `made with metric registry ${r.registryHash}, this job gates with ${expect.registryHash} (another ktstr version)`;
  return null;
}

// src/pool/compare-pool.ts
async function comparePool(input) {
  const defaultRoot = defaultPoolRoot(input.env, input.cwd);
  const root = input.dir ? path2.resolve(input.cwd, input.dir) : defaultRoot;
  if (input.dir) await assertDir(root, "--dir");
  const filters = { ...input.filters, a: { ...input.filters.a }, b: { ...input.filters.b } };
  const perSide = Object.keys(filters.a).length > 0 || Object.keys(filters.b).length > 0;
  const explicitBase = !!(input.base || input.baseRef || input.defaultBranch);
  let resolved = input.resolved ?? null;
  if (!resolved && (!perSide || explicitBase)) {
    resolved = await resolveBaseline({
      cwd: input.cwd,
      base: input.base,
      baseRef: input.baseRef,
      defaultBranch: input.defaultBranch,
      env: input.env,
      deepen: input.deepen
    });
  }
  const fromGit = { a: [], b: [] };
  if (resolved) {
    for (const [side2, commit] of [
      ["a", resolved.base],
      ["b", resolved.head]
    ])
      if (!filters[side2]["project-commit"]) {
        filters[side2]["project-commit"] = [commit.label];
        fromGit[side2].push("project-commit");
      }
  }
  assertSliced(filters);
  const inA = sideMatcher(filters, "a");
  const inB = sideMatcher(filters, "b");
  const archive = path2.resolve(root) !== path2.resolve(defaultRoot);
  const pool = await readPool(root, { archive, keep: (s) => inA(s) || inB(s) });
  dropUnusedPhases(pool.sidecars);
  const base = selectSide(pool.sidecars, filters, "a");
  const head = selectSide(pool.sidecars, filters, "b");
  let whole = null;
  const everything = async () => whole ??= base.length > 0 && head.length > 0 ? pool.sidecars : (await readPool(root, { archive })).sidecars;
  assertDisjoint(base, head, filters);
  const emptyBase = base.length === 0 && head.length > 0 ? explainEmpty(await everything(), filters, { side: "a", fromGit: fromGit.a }) : null;
  if (emptyBase && emptyBase.cause !== "not-produced")
    throw new UsageError(
      emptyBase.line,
      filters.a["project-commit"] && !fromGit.a.length ? "if that baseline was never produced, name it with --base instead: a missing baseline git resolves is a notice and a pass" : void 0
    );
  const spec = (side2) => {
    const commit = resolved?.[side2 === "a" ? "base" : "head"];
    const eff = effectiveFilter(filters, side2);
    const picked = eff["project-commit"];
    if (commit && picked?.length === 1 && picked[0] === commit.label)
      return { label: commit.label, sha: commit.sha, how: side2 === "a" ? resolved.how : "HEAD" };
    return {
      label: picked?.length === 1 ? picked[0] : describeFilter(eff),
      sha: null,
      how: describeFilter(eff)
    };
  };
  const comparison = compare({
    base,
    head,
    pairOn: pairingDimensions(filters),
    registry: input.registry,
    baseline: spec("a"),
    headSpec: spec("b"),
    options: { ...input.options, filter: filters.substring ?? null },
    malformed: pool.malformed
  });
  for (const side2 of [comparison.baseline, comparison.head])
    if (side2.hosts.length === 0) side2.hosts = await manifestHosts(root, side2.label);
  if (comparison.head.sidecars === 0 && resolved?.head.dirty)
    comparison.notices.push(
      `the work tree is dirty, so HEAD's sidecars are labelled ${resolved.head.label}; run the tests on this tree, or commit and re-run them`
    );
  const shownRoot = shownPath(input.cwd, root);
  if (comparison.verdict === "no-data")
    comparison.reasons = [
      `${explainEmpty(await everything(), filters, { side: "b", fromGit: fromGit.b }).line} (pool ${shownRoot})`
    ];
  if (comparison.verdict === "no-baseline")
    comparison.notices.push(
      `the pool at ${shownRoot} has no sidecars for the baseline ${comparison.baseline.label}; produce them (cargo ktstr test at that commit, or ktstr-agent produce) to enable the delta`
    );
  return { comparison, pool, resolved };
}
function shownPath(cwd, p) {
  const rel = path2.relative(path2.resolve(cwd), path2.resolve(p));
  if (rel === "") return ".";
  return rel.startsWith("..") || path2.isAbsolute(rel) ? p : rel;
}
function dropUnusedPhases(xs) {
  for (const s of xs) for (const a of s.assertions) if (a.phase !== null) return;
  for (const s of xs) if (s.phases.length > 0) s.phases = NONE;
}
async function manifestHosts(root, label2) {
  const hosts = /* @__PURE__ */ new Set();
  for (const { result: m } of await poolManifests(root, (d) => d.endsWith(`-${label2}`)))
    if (m.ok) hosts.add(`${m.manifest.host.hostname} (${m.manifest.host.cpuModel})`);
  return [...hosts].sort();
}
async function assertDir(p, flag) {
  const st = await stat(p).catch(() => null);
  if (!st?.isDirectory())
    throw new UsageError(
      `${flag} ${p}: no such directory`,
      "point it at a ktstr pool root (the directory holding {kernel}-{commit}/ run directories)"
    );
}

// src/report/escape.ts
var INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
var NAMED_ESCAPES = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function visible(s) {
  return s.replace(LONE_SURROGATE, "\uFFFD").replace(INVISIBLE, (ch) => NAMED_ESCAPES[ch] ?? `\\u{${ch.codePointAt(0).toString(16)}}`);
}
function truncate(s, max) {
  if (s.length <= max) return s;
  const points = Array.from(s);
  if (points.length <= max) return s;
  let kept = max;
  for (let i = 0; i < 3; i++) kept = Math.max(1, max - `\u2026(+${points.length - kept})`.length);
  return `${points.slice(0, kept).join("")}\u2026(+${points.length - kept})`;
}
function terminalText(s, max = Infinity) {
  return truncate(visible(s), max);
}
var HTML_REFS = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;"
};
var ZWSP = "&#8203;";
function mdText(s, max = Infinity) {
  return neutralise(terminalText(s, max), true);
}
function htmlText(s, max = Infinity) {
  return neutralise(terminalText(s, max), false);
}
var ZWSP_MARK = "";
var MD_ESCAPE_RE = /[\\`*[\]#|~$]/g;
var LONE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
var AUTOLINK_BREAKS = [
  /(?<=@)(?=[\p{L}\p{N}_-])/gu,
  // @user, @org/team, a@b.c
  /(?<=#)(?=[0-9])/g,
  // #123, owner/repo#123
  /(?<=(?:^|[^\p{L}\p{N}])gh-)(?=[0-9])/giu,
  // GH-123
  /(?<=:)(?=\/\/)/g,
  // scheme://
  /(?<=:)(?=[a-z0-9_+-]+:)/gi,
  // :emoji: shortcodes
  // www.host: break before the dot, because GFM links `www.` followed by anything up to a
  // space, so a break after it would still leave a (broken) link.
  /(?<=(?:^|[^\p{L}\p{N}])www)(?=\.)/giu
];
function neutralise(safe, markdown) {
  let out = safe;
  if (markdown) out = out.replace(MD_ESCAPE_RE, "\\$&").replace(LONE_UNDERSCORE, "\\_");
  for (const re of AUTOLINK_BREAKS) out = out.replace(re, ZWSP_MARK);
  out = out.replace(/[<>&"']/g, (ch) => HTML_REFS[ch]);
  return out.includes(ZWSP_MARK) ? out.split(ZWSP_MARK).join(ZWSP) : out;
}
function mdBreakable(s, max = Infinity) {
  return terminalText(s, max).split(/(?<=[/_.:-])(?=.)/su).map((piece) => neutralise(piece, true)).join("<wbr>");
}
function mdCode(s, max = Infinity) {
  return `<code>${mdText(s, max)}</code>`;
}
function safeUrl(url) {
  if (!url) return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  const href = parsed.href;
  if (/[\s<>"'`()\p{Cc}\p{Cf}]/u.test(href)) return null;
  return href;
}
function markerKey(key) {
  const cleaned = key.replace(/[^A-Za-z0-9._/:+=@-]/g, "_").replace(/-{2,}/g, "-").replace(/^-|-$/g, "_").slice(0, 200);
  return cleaned === "" ? "default" : cleaned;
}
function jsonText(json) {
  return json.replace(JSON_CANDIDATE, (ch) => {
    const code = ch.codePointAt(0);
    if (code >= 160 && !FORMAT_CHAR.test(ch)) return ch;
    if (code > 65535) {
      const hi = 55296 + (code - 65536 >> 10);
      const lo = 56320 + (code - 65536 & 1023);
      return `\\u${hi.toString(16)}\\u${lo.toString(16)}`;
    }
    return `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
var JSON_CANDIDATE = (
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[<>&\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0100-\uFFFF]/g
);
var FORMAT_CHAR = /^[\p{Cf}\p{Zl}\p{Zp}]$/u;
var SHELL_PLAIN = /^[A-Za-z0-9._/:=,@%+-]+$/;
function shellArg(s, max = 400) {
  const v = terminalText(s, max);
  if (SHELL_PLAIN.test(v)) return v;
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

// src/report/format.ts
var TIGHT_UNITS = /* @__PURE__ */ new Set(["%", "x"]);
function withUnit(num2, unit) {
  if (unit === "") return num2;
  return TIGHT_UNITS.has(unit) ? `${num2}${unit}` : `${num2} ${unit}`;
}
function formatNumber(v) {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "\u221E" : "-\u221E";
  if (v === 0) return "0";
  const a = Math.abs(v);
  const sign = v < 0 ? "-" : "";
  if (a >= 1e15) return sign + compactExp(a);
  if (a >= 1e3) return sign + groupThousands(Math.round(a).toString());
  if (a < 1e-4) return sign + compactExp(a);
  return sign + stripZeros(a.toPrecision(4));
}
function formatCompact(v) {
  const a = Math.abs(v);
  if (!Number.isFinite(v) || a < 1e4 || a >= 1e15) return formatNumber(v);
  const [div, suffix] = a >= 1e12 ? [1e12, "T"] : a >= 1e9 ? [1e9, "G"] : a >= 1e6 ? [1e6, "M"] : [1e3, "k"];
  return `${v < 0 ? "-" : ""}${stripZeros((a / div).toPrecision(4))}${suffix}`;
}
function formatBaseToHead(r) {
  const side2 = (s) => s === null ? "\u2013" : formatCompact(s.value);
  if (TIGHT_UNITS.has(r.unit) || r.unit === "")
    return `${r.base ? withUnit(side2(r.base), r.unit) : "\u2013"} \u2192 ${r.head ? withUnit(side2(r.head), r.unit) : "\u2013"}`;
  return `${side2(r.base)} \u2192 ${withUnit(side2(r.head), r.unit)}`;
}
function formatRelGate(r) {
  return `\u2265 ${formatNumber(r.gate.rel * 100)}%`;
}
function formatEvidence(r) {
  const gates = r.gate.absCleared && r.gate.relCleared ? "beyond both gates" : r.gate.absCleared ? "beyond the absolute gate only" : r.gate.relCleared ? "beyond the relative gate only" : "within its gates";
  if (r.mode !== "noise-adjusted") return `${gates} (one run on a side: no test of noise)`;
  if (r.disjoint) return `${gates}; baseline and HEAD runs do not overlap`;
  if (r.pAdjusted !== null) return `${gates}; FDR-adjusted q = ${formatP(r.pAdjusted)}`;
  if (r.pValue !== null) return `${gates}; Welch p = ${formatP(r.pValue)}`;
  if (r.separated !== null) return `${gates}; ${r.separated ? "clear of the noise" : "within the noise"}`;
  return gates;
}
function formatValue(v, unit) {
  return withUnit(formatNumber(v), unit);
}
function formatDelta(d, unit) {
  if (d === null) return "\u2013";
  const body = signed(d, formatNumber(d));
  return unit === "%" ? `${body} pp` : withUnit(body, unit);
}
function formatRowDelta(r) {
  if (r.delta === null && r.base !== null && r.head !== null) {
    const up = r.head.value > r.base.value;
    return withUnit(up ? "> +1.8e308" : "< -1.8e308", r.unit === "%" ? "pp" : r.unit);
  }
  return formatDelta(r.delta, r.unit);
}
function formatPercent(rel) {
  if (rel === null) return "\u2013";
  if (!Number.isFinite(rel)) return Number.isNaN(rel) ? "NaN" : rel > 0 ? "+\u221E%" : "-\u221E%";
  const p = rel * 100;
  const a = Math.abs(p);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  const body = a >= 1e3 ? groupThousands(a.toFixed(0)) : a.toFixed(digits);
  const sign = p > 0 ? "+" : p < 0 ? "-" : "\xB1";
  return `${sign}${body}%`;
}
function formatCi(ci) {
  if (ci === null) return "\u2013";
  return `[${formatPercent(ci[0])}, ${formatPercent(ci[1])}]`;
}
function formatP(p) {
  if (p === null || Number.isNaN(p)) return "\u2013";
  if (p < 1e-3) return "<0.001";
  return stripZeros(p.toPrecision(2));
}
function formatSide(s, unit) {
  return s === null ? "\u2013" : formatValue(s.value, unit);
}
function formatSpread(s, unit) {
  if (s === null) return "\u2013";
  const centre2 = formatValue(s.value, unit);
  if (s.n <= 1) return `${centre2} (n=${s.n})`;
  return `${centre2} (n=${s.n}, ${formatNumber(s.min)}\u2013${formatNumber(s.max)}, sd ${formatNumber(s.stdev)})`;
}
function formatGateSpec(r) {
  return `|\u0394| \u2265 ${formatValue(r.gate.abs, r.unit === "%" ? "pp" : r.unit)} and \u2265 ${formatNumber(r.gate.rel * 100)}%`;
}
function signed(v, text) {
  return v > 0 ? `+${text}` : text;
}
function stripZeros(s) {
  return s.includes(".") && !s.includes("e") ? s.replace(/\.?0+$/, "") : s;
}
function compactExp(a) {
  const [m, e] = a.toExponential(2).split("e");
  return `${stripZeros(m)}e${e.replace("+", "")}`;
}
function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// src/report/width.ts
var WIDE = [
  [4352, 4447],
  [8986, 8987],
  [9001, 9002],
  [9193, 9196],
  [9725, 9726],
  [9748, 9749],
  [9800, 9811],
  [9889, 9889],
  [9917, 9918],
  [9924, 9925],
  [9973, 9973],
  [9978, 9978],
  [9989, 9989],
  [9994, 9995],
  [10060, 10060],
  [11904, 12350],
  [12353, 13311],
  [13312, 19903],
  [19968, 40959],
  [40960, 42191],
  [44032, 55203],
  [63744, 64255],
  [65072, 65103],
  [65280, 65376],
  [65504, 65510],
  [127744, 128591],
  [128640, 128767],
  [129280, 129535],
  [129648, 129791],
  [131072, 262141]
];
var COMBINING = /[\p{Mn}\p{Me}]/u;
function displayWidth(s) {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (COMBINING.test(ch) || cp >= 8203 && cp <= 8207 || cp >= 65024 && cp <= 65039) continue;
    w += WIDE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
  }
  return w;
}
function pad(s, width, right = false) {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}
function clipWidth(s, width) {
  if (displayWidth(s) <= width) return s;
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + "\u2026";
}
function wrapWords(text, width, indent = "") {
  const lines = [];
  let line = "";
  for (const word of text.split(/ +/).filter(Boolean)) {
    const prefix = lines.length === 0 ? "" : indent;
    const next = line ? `${line} ${word}` : prefix + word;
    if (line && displayWidth(next) > width) {
      lines.push(line);
      line = indent + word;
    } else line = next;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

// src/report/common.ts
function verdictWord(c) {
  const words = {
    pass: "PASS",
    fail: "FAIL",
    "no-baseline": "NO BASELINE",
    "no-data": "NO DATA"
  };
  return words[c.verdict];
}
function plural(n, word, many = `${word}s`) {
  return `${count(n)} ${n === 1 ? word : many}`;
}
function count(n) {
  return n.toLocaleString("en-US");
}
function countsSentence(c) {
  const k = c.counts;
  const parts = [
    plural(k.regressions, "regression"),
    plural(k.improvements, "improvement"),
    `${count(k.unchanged)} unchanged`
  ];
  const optional = [
    [k.informational, `${count(k.informational)} informational`],
    [k.coverage, `${count(k.coverage)} coverage-only`],
    [k.newInHead, `${count(k.newInHead)} new in HEAD`],
    [k.removedFromBase, `${count(k.removedFromBase)} removed from baseline`],
    [k.excluded, `${count(k.excluded)} excluded (no passing run)`],
    [k.droppedRuns, plural(k.droppedRuns, "dropped run")],
    [k.malformed, `${count(k.malformed)} malformed`],
    [k.assertionsTripped, plural(k.assertionsTripped, "assertion tripped", "assertions tripped")],
    [k.unknownMetrics, plural(k.unknownMetrics, "unknown metric")],
    [k.undecided ?? 0, `${count(k.undecided ?? 0)} undecided`],
    [k.inconclusive ?? 0, `${count(k.inconclusive ?? 0)} inconclusive`]
  ];
  for (const [n, text] of optional) if (n > 0) parts.push(text);
  return parts.join(", ");
}
function ruleLabel(c) {
  return c.rule === "sequential" ? "sequential rule" : "ktstr's rule";
}
function modeSentence(c) {
  const s = c.options.sequential;
  if (c.rule === "sequential" && s && c.mode === "noise-adjusted")
    return `sequential rule (a regression is beyond its gate with one-sided Welch p < ${s.alpha}; unchanged when the ${Math.round((1 - s.gamma) * 100)} % upper bound is inside the gate; max-runs ${s.maxRuns}; scalar rows keep ktstr's rule)`;
  return c.mode === "noise-adjusted" ? c.options.fdr !== null ? `noise-adjusted (Welch t-test with Benjamini\u2013Hochberg FDR ${c.options.fdr} or disjoint bands, plus the dual gate)` : `noise-adjusted (Welch t-test at \u03B1 = ${c.options.alpha} or disjoint bands, plus the dual gate)` : "scalar (dual gate only; one run on a side)";
}
function reasonSentence(c) {
  if (c.reasons.length > 0) return c.reasons.join("; ");
  if (c.verdict === "pass")
    return `${plural(c.counts.regressions, "regression")} < fail-threshold ${c.options.failThreshold}`;
  if (c.verdict === "no-baseline") return "no baseline samples to compare against";
  if (c.verdict === "no-data") return "no sidecars for HEAD \u2014 nothing was measured";
  return "the gate failed";
}
function rowVerdictLabel(r) {
  const labels = {
    regression: "REGRESSION",
    improvement: "improvement",
    unchanged: "unchanged",
    informational: "informational",
    coverage: r.base === null ? "new metric" : "metric removed",
    noisy: "noisy (< 2 runs)"
  };
  const label2 = labels[r.verdict];
  return r.mustFail && r.verdict === "regression" ? `${label2} (must-fail)` : label2;
}
function countByVerdict(rows) {
  const out = {
    regression: 0,
    improvement: 0,
    unchanged: 0,
    informational: 0,
    coverage: 0,
    noisy: 0
  };
  for (const r of rows) out[r.verdict]++;
  return out;
}
function splitShown(shown2) {
  const isMove = (r) => r.verdict === "regression" || r.verdict === "improvement";
  return {
    moves: shown2.filter(isMove),
    rest: shown2.filter((r) => !isMove(r) && r.state !== "undecided" && r.state !== "inconclusive")
  };
}
function openRows(rows) {
  return [...rows.filter((r) => r.state === "inconclusive"), ...rows.filter((r) => r.state === "undecided")];
}
function cvAndGate(r) {
  if (!r.base || !r.head) return null;
  const centre2 = Math.abs(r.base.value);
  if (!(centre2 > 0)) return null;
  const cv = Math.max(r.base.stdev / centre2, r.head.stdev / Math.max(Math.abs(r.head.value), 1e-300));
  return { cv, gate: effectiveGate({ base: r.base, gate: r.gate }) / centre2 };
}
function wouldDecide(r) {
  const runs = runsToDecide(r);
  if (runs !== null) return `\u2248 ${runs} runs per side`;
  const q = cvAndGate(r);
  return q ? `too noisy for its gate: CV ${pct(q.cv)} vs gate ${pct(q.gate)}` : "more runs than the cap";
}
function runsToDecide(r) {
  const q = cvAndGate(r);
  if (q && q.cv > q.gate) return null;
  return r.runsNeeded !== null && r.runsNeeded < RUNS_NEEDED_CAP ? r.runsNeeded : null;
}
function pct(x) {
  return `${x >= 0.1 ? Math.round(x * 100) : Math.round(x * 1e3) / 10} %`;
}
function rowId(key, metric) {
  return `${key}\0${metric}`;
}
function acceptedIds(c) {
  return new Set((c.waivers ?? []).flatMap((w) => w.rows.map((r) => rowId(r.key, r.metric))));
}
function isAccepted(r, ids) {
  return ids.has(rowId(r.key, r.metric));
}
function outcome(c) {
  const regressions = c.counts.regressions;
  const ids = acceptedIds(c);
  const accepted = c.rows.filter((r) => r.verdict === "regression" && isAccepted(r, ids)).length;
  switch (c.verdict) {
    case "fail":
      return { icon: "\u274C", title: "Failed", tone: "CAUTION" };
    case "no-data":
      return { icon: "\u26D4", title: "No data", tone: "CAUTION" };
    case "no-baseline":
      return { icon: "\u26A0\uFE0F", title: "No baseline", tone: "WARNING" };
    case "pass":
      if (accepted > 0 && accepted >= regressions)
        return { icon: "\u2705", title: `Passed, ${plural(accepted, "regression")} accepted`, tone: "NOTE" };
      if (accepted > 0)
        return {
          icon: "\u26A0\uFE0F",
          title: `Passed with ${plural(regressions - accepted, "regression")} (${accepted} accepted)`,
          tone: "WARNING"
        };
      if (regressions > 0)
        return { icon: "\u26A0\uFE0F", title: `Passed with ${plural(regressions, "regression")}`, tone: "WARNING" };
      return { icon: "\u2705", title: "Passed, no regressions", tone: null };
  }
}
function kernelLabel(c) {
  const ks = c.head.kernels.length > 0 ? c.head.kernels : c.baseline.kernels;
  if (ks.length === 0) return null;
  return ks.length === 1 ? ks[0] : `${ks[0]} +${ks.length - 1} more`;
}

// src/report/chart.ts
var WIDTH = 50;
var LEGEND = "o = one run; 2-9 = that many runs at one spot; + = ten or more";
function stripPlot(r) {
  if (!r.base || !r.head || r.base.samples.length === 0 || r.head.samples.length === 0) return "";
  const all = [...r.base.samples, ...r.head.samples].filter(Number.isFinite);
  if (all.length === 0) return "";
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const col = (v) => hi === lo ? Math.floor(WIDTH / 2) : Math.round((v - lo) / (hi - lo) * (WIDTH - 1));
  const line = (samples) => {
    const counts = new Array(WIDTH).fill(0);
    for (const v of samples) if (Number.isFinite(v)) counts[col(v)]++;
    return counts.map((n) => n === 0 ? " " : n === 1 ? "o" : n < 10 ? String(n) : "+").join("");
  };
  const unit = terminalText(r.unit, 20);
  const title = `> ${terminalText(r.key, 80)} \xB7 ${terminalText(r.metric, 60)}${unit ? ` (${unit})` : ""}`;
  const range = (s) => `${formatNumber(Math.min(...s))}\u2013${formatNumber(Math.max(...s))}`;
  const loLabel = formatNumber(lo);
  const hiLabel = formatValue(hi, unit);
  const axis = " ".repeat(10) + loLabel + " ".repeat(Math.max(1, WIDTH + 2 - displayWidth(loLabel) - displayWidth(hiLabel))) + hiLabel;
  return [
    title,
    `${pad("baseline", 8)} |${line(r.base.samples)}| n=${r.base.samples.length}, ${range(r.base.samples)}`,
    `${pad("HEAD", 8)} |${line(r.head.samples)}| n=${r.head.samples.length}, ${range(r.head.samples)}`,
    axis
  ].join("\n");
}
function stripPlots(rows, max = 3) {
  const plots = rows.filter((r) => r.verdict === "regression" && (r.base?.n ?? 0) >= 2 && (r.head?.n ?? 0) >= 2).slice(0, max).map(stripPlot).filter((p) => p !== "");
  if (plots.length === 0) return "";
  const lines = [...plots, LEGEND].join("\n\n").split("\n");
  return `<pre>
${lines.map((l) => htmlText(l)).join("\n")}
</pre>`;
}
function mermaidLabel(s, max) {
  return Array.from(terminalText(s).replace(/[^\p{L}\p{N} _./+-]/gu, " ")).slice(0, max).join("").trim() || "-";
}
function mermaidChart(r) {
  if (!r.base || !r.head) return "";
  const base = r.base.samples.filter(Number.isFinite).slice(0, 20);
  const head = r.head.samples.filter(Number.isFinite).slice(0, 20);
  if (base.length === 0 || head.length === 0) return "";
  const labels = [...base.map((_, i) => `"base ${i + 1}"`), ...head.map((_, i) => `"HEAD ${i + 1}"`)];
  const values = [...base, ...head].map((v) => Number(v.toPrecision(6)));
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${mermaidLabel(`${r.metric} ${r.key}`, 80)}"`,
    `    x-axis [${labels.join(", ")}]`,
    `    y-axis "${mermaidLabel(r.unit || r.metric, 30)}"`,
    `    bar [${values.join(", ")}]`,
    "```"
  ].join("\n");
}

// node_modules/markdown-table/index.js
function defaultStringLength(value) {
  return value.length;
}
function markdownTable(table2, options2) {
  const settings = options2 || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table2.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table2[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table2[rowIndex].length;
    }
    while (++columnIndex2 < table2[rowIndex].length) {
      const cell = serialize(table2[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code === 99) {
      before = ":";
      after = ":";
    } else if (code === 108) {
      before = ":";
    } else if (code === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code = alignments[columnIndex];
        if (code === 114) {
          before = " ".repeat(size);
        } else if (code === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function toAlignment(value) {
  const code = typeof value === "string" ? value.codePointAt(0) : 0;
  return code === 67 || code === 99 ? 99 : code === 76 || code === 108 ? 108 : code === 82 || code === 114 ? 114 : 0;
}

// src/report/markdown.ts
var MAX_KEY = 100;
var MAX_METRIC = 60;
var ROW_ICON = {
  regression: "\u{1F534}",
  improvement: "\u{1F7E2}",
  informational: "\u2139\uFE0F",
  coverage: "\u25FB\uFE0F",
  noisy: "\u3030\uFE0F",
  unchanged: "\u26AA"
};
var IMPORTANCE = [
  "regression",
  "improvement",
  "informational",
  "noisy",
  "coverage",
  "unchanged"
];
function byImportance(rows) {
  return IMPORTANCE.flatMap((v) => rows.filter((r) => r.verdict === v));
}
function headline(c, level = "##", ctx = {}) {
  const { icon, title } = outcome(c);
  const kernel = kernelLabel(c);
  const parts = [
    "ktstr-perf-gate",
    kernel !== null ? `kernel ${mdText(kernel, 60)}` : "",
    ctx.hostClass ? mdText(ctx.hostClass, 60) : "",
    ruleLabel(c)
  ].filter(Boolean);
  return `${level} ${icon} ${title} \u2014 ${parts.join(" \xB7 ")}`;
}
function callout(c) {
  const { tone } = outcome(c);
  const text = calloutText(c);
  return tone ? `> [!${tone}]
> ${text}` : text;
}
function calloutText(c) {
  const ft = c.options.failThreshold;
  const ids = acceptedIds(c);
  const regressions = c.rows.filter((r) => r.verdict === "regression");
  const accepted = regressions.filter((r) => isAccepted(r, ids)).length;
  const open2 = regressions.length - accepted;
  const reason = mdText(
    reasonSentence(c).replace(/ ≥ fail-threshold (\d+)/g, " reached the fail-threshold of $1"),
    600
  );
  switch (c.verdict) {
    case "fail":
      return `**This check fails:** ${reason}.`;
    case "no-data":
      return `**Nothing was measured:** ${reason}.`;
    case "no-baseline":
      return `**Nothing was compared:** ${reason}. The check passes without gating anything.`;
    case "pass": {
      const below = `below the fail-threshold of ${ft}, so the check passes`;
      if (accepted > 0)
        return `**${plural(accepted, "regression")} accepted** (listed below), so ${accepted === 1 ? "it does" : "they do"} not count.` + (open2 > 0 ? ` ${plural(open2, "other regression")} ${below}.` : " The check passes.");
      if (open2 > 0)
        return `**${plural(open2, "regression")}** ${below}. Look at ${open2 === 1 ? "it" : "them"} before merging.`;
      return "No metric got worse beyond its gate.";
    }
  }
}
function openRowsSection(c, links, max = 200) {
  const open2 = openRows(c.rows);
  if (open2.length === 0) return "";
  const inconclusive = open2.filter((r) => r.state === "inconclusive").length;
  const undecided = open2.length - inconclusive;
  const body = open2.slice(0, max).map((r) => [
    r.state === "inconclusive" ? "\u2754 inconclusive" : "\u23F3 undecided",
    mdText(r.key, MAX_KEY),
    mdText(r.metric, MAX_METRIC),
    num(r.base?.value),
    num(r.head?.value),
    mdText(formatPercent(r.relDelta)),
    `${r.base?.n ?? 0} / ${r.head?.n ?? 0}`,
    mdText(wouldDecide(r), 200)
  ]);
  const table2 = markdownTable(
    [
      ["", "Test", "Metric", "Baseline", "HEAD", "\u0394 %", "Runs (base / HEAD)", "What would decide it"],
      ...body
    ],
    { align: ["l", "l", "l", "r", "r", "r", "r", "l"], alignDelimiters: false }
  );
  const more = open2.length > max ? `

\u2026 and ${open2.length - max} more (see the JSON report)` : "";
  const need = Math.max(0, ...open2.map((r) => (runsToDecide(r) ?? 0) - (r.head?.n ?? 0)));
  const run2 = safeUrl(links.runUrl);
  const rerun = `Neither kind fails the gate. To decide them, rerun the workflow (workflow_dispatch)` + (need > 0 ? ` with \`extra-runs: ${need}\`` : " with `extra-runs`") + (run2 ? ` from [this run](${run2})` : "") + "; rows too noisy for their gate need a quieter host or a wider gate (`policy`).";
  const summary = [
    inconclusive > 0 ? `${inconclusive} inconclusive` : "",
    undecided > 0 ? `${undecided} undecided` : ""
  ].filter(Boolean).join(", ");
  return details(`Not decided by the sequential rule: ${summary}`, `${table2}${more}

${rerun}`);
}
function sideRef(s, repoUrl) {
  const repo = safeUrl(repoUrl);
  const sha2 = s.sha !== null && /^[0-9a-f]{7,40}$/i.test(s.sha) ? s.sha.toLowerCase() : null;
  const shown2 = mdCode(s.label, 40);
  if (repo && sha2) return `[${shown2}](${repo.replace(/\/+$/, "")}/commit/${sha2})`;
  return shown2;
}
function contextLine(c, links) {
  const runs = c.baseline.runs === c.head.runs ? `${plural(c.head.runs, "run")} per side` : `${plural(c.baseline.runs, "run")} baseline, ${plural(c.head.runs, "run")} HEAD`;
  return `Baseline ${sideRef(c.baseline, links.repoUrl)} (${mdText(c.baseline.how, 120)}) \u2192 HEAD ${sideRef(c.head, links.repoUrl)} (${mdText(c.head.how, 120)}), ${runs}.`;
}
function noticesBlock(c, max = 10) {
  if (c.notices.length === 0) return "";
  const lines = c.notices.slice(0, max).map((n) => `> \u2139\uFE0F ${mdText(n, 500)}`);
  if (c.notices.length > max) lines.push(`> \u2026 and ${c.notices.length - max} more notices`);
  return lines.join("\n>\n");
}
function assertionsTable(c, which = "tripped") {
  const shown2 = c.assertions.filter(
    (a) => which === "all" ? true : which === "tripped" ? a.tripped : !a.tripped
  );
  if (shown2.length === 0) return "";
  const body = shown2.map((a) => [
    a.tripped ? "\u{1F534} tripped" : a.skipped !== null ? `skipped: ${mdText(a.skipped, 120)}` : "\u26AA held",
    a.name === null ? "(unnamed)" : mdText(a.name, MAX_METRIC),
    mdText(a.key, MAX_KEY),
    mdText(a.metric, MAX_METRIC),
    mdText(formatPercent(a.relDelta)),
    mdText(`${a.direction}, \u2265 ${formatNumber(a.rel * 100)}% and \u2265 ${formatNumber(a.abs)}`)
  ]);
  return markdownTable([["Assertion", "Name", "Test", "Metric", "\u0394 %", "Gate"], ...body], {
    alignDelimiters: false
  });
}
function cached(cache, cells) {
  return (r) => {
    let hit = cache.get(r);
    if (hit === void 0) {
      hit = cells(r);
      cache.set(r, hit);
    }
    return hit;
  };
}
var MAIN_CELLS = /* @__PURE__ */ new WeakMap();
var STATS_CELLS = /* @__PURE__ */ new WeakMap();
var REST_CELLS = /* @__PURE__ */ new WeakMap();
function testMetric(r) {
  return `${mdBreakable(r.key, MAX_KEY)} \xB7 ${mdBreakable(r.metric, MAX_METRIC)}`;
}
function moveVerdict(r, accepted) {
  if (r.verdict !== "regression") return `${ROW_ICON[r.verdict]} better`;
  if (accepted) return "\u2611\uFE0F accepted";
  return `${ROW_ICON.regression} worse${r.mustFail ? " (must-fail)" : ""}`;
}
function mainTable(rows, accepted = /* @__PURE__ */ new Set()) {
  const body = rows.map((r) => {
    const [name, values, delta] = cached(MAIN_CELLS, (x) => [
      testMetric(x),
      mdText(formatBaseToHead(x)),
      `${x.verdict === "regression" ? `**${mdText(formatPercent(x.relDelta))}**` : mdText(formatPercent(x.relDelta))}<br><sub>gate ${mdText(formatRelGate(x))}</sub>`
    ])(r);
    return [name, values, delta, moveVerdict(r, isAccepted(r, accepted))];
  });
  return markdownTable([["Test \xB7 metric", "Base \u2192 HEAD", "\u0394", "Verdict"], ...body], {
    align: ["l", "r", "r", "l"],
    alignDelimiters: false
  });
}
function statsTable(rows) {
  const body = rows.map(
    cached(STATS_CELLS, (r) => [
      testMetric(r),
      mdText(formatCi(r.ci95)),
      mdText(formatGateSpec(r)),
      mdText(formatEvidence(r))
    ])
  );
  return markdownTable([["Test \xB7 metric", "95 % CI of \u0394", "Gate", "Why it counts"], ...body], {
    align: ["l", "r", "l", "l"],
    alignDelimiters: false
  });
}
function movesCaption(moves) {
  const regressions = moves.filter((r) => r.verdict === "regression").length;
  const improvements = moves.length - regressions;
  const counts = [
    regressions > 0 ? plural(regressions, "regression") : "",
    improvements > 0 ? plural(improvements, "improvement") : ""
  ].filter(Boolean);
  return `**${counts.join(", ")}**, ${regressions > 0 ? "worst" : "largest"} first`;
}
function termsLine(c) {
  const seq = c.rule === "sequential" ? c.options.sequential : null;
  const test = c.options.fdr !== null && !seq ? `Welch t-test with Benjamini\u2013Hochberg FDR q below ${c.options.fdr}` : `${seq ? "one-sided " : ""}Welch t-test p below ${seq ? seq.alpha : c.options.alpha}`;
  const noise = c.mode === "noise-adjusted" ? `, and clear of run-to-run noise (${test}${seq ? "" : ", or baseline and HEAD runs do not overlap"})` : "";
  const mustFail = c.options.mustFail.length > 0 ? "; one on a must-fail metric fails it alone" : "";
  const rule = c.rule === "sequential" ? "**Sequential rule**: each row is decided once its runs suffice; rows not yet decided never fail the check; metrics with one run on a side keep ktstr's rule." : "**ktstr's rule**: the verdict ktstr's own perf-delta gives on the same samples.";
  return `<sub>**Gate**: how far a metric must move to count: at least the relative change shown under \u0394 *and* an absolute amount (see Statistics)${noise}. **Regression**: worse beyond its gate; ${c.options.failThreshold} or more fail the check${mustFail}. ${rule}</sub>`;
}
function nextSteps(c, ctx) {
  const items = [];
  const ids = acceptedIds(c);
  const unaccepted = c.rows.filter((r) => r.verdict === "regression" && !isAccepted(r, ids)).length;
  const open2 = openRows(c.rows);
  const run2 = safeUrl(ctx.runUrl);
  const workflow = safeUrl(ctx.workflowUrl);
  if (unaccepted > 0 || open2.length > 0) {
    const need = Math.max(0, ...open2.map((r) => (runsToDecide(r) ?? 0) - (r.head?.n ?? 0)));
    const extra = need > 0 ? need : Math.max(3, c.head.runs);
    const how = workflow ? `[run the workflow](${workflow}) (workflow_dispatch) with \`extra-runs: ${extra}\`` : `rerun the workflow (workflow_dispatch) with \`extra-runs: ${extra}\``;
    items.push(
      `**More runs** to confirm or clear ${open2.length > 0 && unaccepted === 0 ? "the undecided rows" : "a regression"}: ${how}; the runs already recorded are kept.`
    );
  }
  if (unaccepted > 0) {
    const label2 = ctx.acceptLabel ? mdCode(ctx.acceptLabel, 50) : null;
    items.push(
      label2 ? `**Accept** an intended regression: a maintainer adds the label ${label2} to this pull request; it holds only for this head commit (${mdCode(c.head.label, 40)}).` : "**Accept** an intended regression: set `accept-label: perf-accepted` on the gate step, then a maintainer adds that label (it holds only for the head commit it was added on); or accept a (test, metric) for good with an `accept` entry in the policy file."
    );
  }
  if (c.verdict === "no-baseline")
    items.push(
      "**Record a baseline**: run this workflow on the default branch (a push, or Run workflow), then re-run this check."
    );
  if (c.verdict === "no-data")
    items.push(
      `**Find out why**: ${run2 ? `[the run's log](${run2})` : "the run's log"} says what was restored and produced.`
    );
  if (run2)
    items.push(
      `**Full results**: [the run and its job summary](${run2}) \xB7 [artifacts](${run2}#artifacts) (sidecars and the JSON report)`
    );
  return items.length > 0 ? `**Next steps**

${items.map((i) => `- ${i}`).join("\n")}` : "";
}
function waiversBlock(c, max = 20) {
  const blocks = (c.waivers ?? []).map((w) => {
    const rows = w.rows.slice(0, max).map((r) => `- ${mdBreakable(r.key, MAX_KEY)} \xB7 ${mdBreakable(r.metric, MAX_METRIC)}`);
    if (w.rows.length > max) rows.push(`- \u2026 and ${w.rows.length - max} more (see the JSON report)`);
    const head = w.via === "label" ? `\u2611\uFE0F **Accepted by ${mdText(`@${w.by ?? "unknown"}`, 60)}** (label ${mdCode(w.source, 50)})` + (w.headSha ? ` for HEAD ${mdCode(w.headSha.slice(0, 7), 7)} only; a new push needs the label again` : "") + ":" : `\u2611\uFE0F **Accepted by the policy file** ${mdCode(w.source, 120)} (an \`accept\` entry), for every commit:`;
    const undo = w.via === "label" ? `To withdraw it, remove the label ${mdCode(w.source, 50)} from the pull request and re-run this check.` : "To withdraw it, delete the entry from the policy file.";
    return `${head}

${rows.join("\n")}

${undo}`;
  });
  return blocks.join("\n\n");
}
function restTable(rows) {
  const body = rows.map(
    cached(REST_CELLS, (r) => [
      mdText(r.key, MAX_KEY),
      mdText(r.metric, MAX_METRIC),
      mdText(r.unit, 20),
      num(r.base?.value),
      num(r.head?.value),
      mdText(formatPercent(r.relDelta)),
      `${ROW_ICON[r.verdict]} ${r.verdict === "coverage" ? r.base === null ? "new metric" : "metric removed" : r.verdict}`
    ])
  );
  const header2 = ["Test", "Metric", "Unit", "Baseline", "HEAD", "\u0394 %", "Verdict"];
  return markdownTable([header2, ...body], {
    align: ["l", "l", "l", "r", "r", "r", "l"],
    alignDelimiters: false
  });
}
function details(summary, body, open2 = false) {
  return `<details${open2 ? " open" : ""}><summary>${summary}</summary>

${body}

</details>`;
}
function omittedLine(omitted, links, where) {
  if (omitted.length === 0) return "";
  const by = countByVerdict(omitted);
  const words = {
    regression: ["regression", "regressions"],
    improvement: ["improvement", "improvements"],
    informational: ["informational", "informational"],
    coverage: ["coverage-only", "coverage-only"],
    noisy: ["noisy", "noisy"],
    unchanged: ["unchanged", "unchanged"]
  };
  const parts = IMPORTANCE.filter((v) => by[v] > 0).map((v) => plural(by[v], ...words[v]));
  const run2 = safeUrl(links.runUrl);
  const target = run2 ? `[${where}](${run2})` : where;
  return `> \u2702\uFE0F **${plural(omitted.length, "row")} not shown** (${parts.join(", ")}) to stay under GitHub's size limit; every row is in the ${target}.`;
}
function provenance(c, links, extra = []) {
  const k = c.counts;
  const side2 = (name, s) => `${name}: ${plural(s.sidecars, "sidecar")}, ${plural(s.runs, "run")}; kernel ${list(s.kernels)}; host ${list(s.hosts)}`;
  const run2 = safeUrl(links.runUrl);
  const lines = [
    `registry: ${c.registry.source} (${mdText(c.registry.detail, 200)}, hash ${mdCode(c.registry.hash, 40)})`,
    side2("baseline", c.baseline),
    side2("HEAD", c.head),
    `mode: ${mdText(modeSentence(c))}`,
    `excluded pairs: ${k.excluded}, dropped runs: ${k.droppedRuns}, malformed sidecars: ${k.malformed}, unknown metrics: ${k.unknownMetrics}`,
    `gate: fail-threshold ${k.regressions > 0 ? `${c.options.failThreshold} (${k.regressions} counted)` : c.options.failThreshold}, \u03B1 ${c.options.alpha}` + (c.options.mustFail.length > 0 ? `, must-fail ${c.options.mustFail.map((m) => mdCode(m, 60)).join(", ")}` : "") + (c.options.fdr !== null ? `, Benjamini\u2013Hochberg FDR ${formatNumber(c.options.fdr)}` : "") + (c.options.thresholdPercent !== null ? `, threshold ${formatNumber(c.options.thresholdPercent)}%` : "") + (c.options.policy !== null ? `, policy ${mdCode(c.options.policy, 120)}` : "") + (c.options.filter !== null ? `, filter ${mdCode(c.options.filter, 120)}` : ""),
    ...extra,
    run2 ? `full data: [job summary and artifact](${run2})` : ""
  ].filter((l) => l !== "");
  return lines.map((l) => `- ${l}`).join("\n");
}
function fitRows(total, render2, measure, limit) {
  const full = render2(total);
  const fullSize = measure(full);
  if (fullSize <= limit) return full;
  const empty = render2(0);
  const emptySize = measure(empty);
  if (emptySize > limit || total === 0) return empty;
  const perRow = Math.max(1, (fullSize - emptySize) / total);
  const fits2 = /* @__PURE__ */ new Map([
    [0, empty],
    [total, null]
  ]);
  const test = (k) => {
    if (!fits2.has(k)) {
      const text = render2(k);
      fits2.set(k, measure(text) <= limit ? text : null);
    }
    return fits2.get(k) !== null;
  };
  const guess = Math.min(total - 1, Math.max(0, Math.floor((limit - emptySize) / perRow)));
  let lo;
  let hi;
  let step = Math.max(1, Math.ceil(total / 200));
  if (test(guess)) {
    lo = guess;
    hi = Math.min(total, guess + step);
    while (test(hi)) {
      lo = hi;
      step *= 2;
      hi = Math.min(total, hi + step);
    }
  } else {
    hi = guess;
    lo = Math.max(0, guess - step);
    while (!test(lo)) {
      hi = lo;
      step *= 2;
      lo = Math.max(0, lo - step);
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) lo = mid;
    else hi = mid;
  }
  return fits2.get(lo);
}
function num(v) {
  return v === void 0 ? "\u2013" : mdText(formatNumber(v));
}
function list(items) {
  if (items.length === 0) return "\u2013";
  const shown2 = items.slice(0, 5).map((x) => mdCode(x, 60));
  return items.length > 5 ? `${shown2.join(", ")} and ${items.length - 5} more` : shown2.join(", ");
}

// src/report/comment.ts
var COMMENT_LIMIT = 65536;
var DEFAULT_COMMENT_MAX = COMMENT_LIMIT - 1536;
function commentMarker(key) {
  return `<!-- ktstr-perf-gate:${markerKey(key)} -->`;
}
function renderComment(c, opts) {
  const max = Math.min(opts.maxChars ?? DEFAULT_COMMENT_MAX, COMMENT_LIMIT);
  const rows = byImportance(c.rows);
  const body = fitRows(
    rows.length,
    (k) => render(c, opts, rows.slice(0, k), rows.slice(k)),
    (s) => s.length,
    max
  );
  return body.length <= max ? body : body.slice(0, Math.max(0, max - 80)) + "\n\n> \u2702\uFE0F Comment cut to fit GitHub's limit.\n";
}
function render(c, opts, shown2, omitted) {
  const links = { repoUrl: opts.repoUrl, runUrl: opts.runUrl, workflowUrl: opts.workflowUrl };
  const { moves, rest } = splitShown(shown2);
  const parts = [
    commentMarker(opts.key),
    headline(c, "##", opts),
    callout(c),
    contextLine(c, links)
  ];
  const notices = noticesBlock(c);
  if (notices) parts.push(notices);
  const assertions = assertionsTable(c);
  if (assertions) parts.push(`**Tripped assertions**

${assertions}`);
  const waivers = waiversBlock(c);
  if (waivers) parts.push(waivers);
  if (moves.length > 0) {
    parts.push(`${movesCaption(moves)}

${mainTable(moves, acceptedIds(c))}

${termsLine(c)}`);
  } else if (c.rows.length > 0) {
    parts.push(
      c.counts.assertionsTripped > 0 ? "No metric moved beyond its registry gate; the tripped assertion above is what fails the check." : "No metric moved beyond its gate."
    );
  }
  const cut = omittedLine(omitted, links, "job summary and the run artifact");
  if (cut) parts.push(cut);
  const steps = nextSteps(c, opts);
  if (steps) parts.push(steps);
  if (moves.length > 0)
    parts.push(details("Statistics: confidence intervals, p-values, gates", statsTable(moves)));
  const plots = stripPlots(moves);
  if (plots) parts.push(details("Samples of the worst regressions, baseline vs HEAD", plots));
  if (opts.mermaid) {
    const charts = moves.filter((r) => r.verdict === "regression").slice(0, 3).map(mermaidChart).filter(Boolean);
    if (charts.length > 0) parts.push(details("Charts of the worst regressions", charts.join("\n\n")));
  }
  const open2 = openRowsSection(c, links, 50);
  if (open2) parts.push(open2);
  if (rest.length > 0) parts.push(details(`Other rows: ${restLabel(rest)}`, restTable(rest)));
  parts.push(details("Provenance", provenance(c, links, [`comment key: \`${markerKey(opts.key)}\``])));
  return parts.join("\n\n") + "\n";
}
function restLabel(rest) {
  const counts = [
    ["unchanged", rest.filter((r) => r.verdict === "unchanged").length],
    ["informational", rest.filter((r) => r.verdict === "informational").length],
    ["noisy", rest.filter((r) => r.verdict === "noisy").length],
    ["coverage-only", rest.filter((r) => r.verdict === "coverage").length]
  ];
  return counts.filter(([, n]) => n > 0).map(([w, n]) => `${n} ${w}`).join(", ");
}

// src/report/json.ts
var JSON_SCHEMA_VERSION = 1;
var ROWS_PER_CHUNK = 256;
function renderJson(c, o = {}) {
  const parts = [];
  writeJson(c, (s) => parts.push(s), o);
  return parts.join("");
}
function writeJson(c, write, o = {}) {
  if (o.pretty) {
    write(jsonText(JSON.stringify(JSON.parse(renderJson(c)), null, 2)));
    return;
  }
  const { rows, ...rest } = document(c);
  const out = new CompactJson();
  const head = out.value(rest.head);
  write(`${head.slice(0, -1)}${head.length > 2 ? "," : ""}"rows":[`);
  let chunk = "";
  for (let i = 0; i < rows.length; i++) {
    chunk += (i > 0 ? "," : "") + rowText(rows[i], out);
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      write(chunk);
      chunk = "";
    }
  }
  if (chunk !== "") write(chunk);
  const tail = out.value(rest.tail);
  write(`]${tail.length > 2 ? "," : ""}${tail.slice(1)}`);
}
function document(c) {
  const head = {
    schemaVersion: JSON_SCHEMA_VERSION,
    verdict: c.verdict,
    reasons: c.reasons,
    notices: c.notices,
    baseline: c.baseline,
    head: c.head,
    mode: c.mode,
    registry: c.registry,
    options: c.options,
    counts: {
      regressions: c.counts.regressions,
      improvements: c.counts.improvements,
      unchanged: c.counts.unchanged,
      informational: c.counts.informational,
      excluded: c.counts.excluded,
      newInHead: c.counts.newInHead,
      removedFromBase: c.counts.removedFromBase,
      malformed: c.counts.malformed,
      droppedRuns: c.counts.droppedRuns,
      coverage: c.counts.coverage,
      noisy: c.counts.noisy,
      bothZero: c.counts.bothZero,
      assertionsTripped: c.counts.assertionsTripped,
      unknownMetrics: c.counts.unknownMetrics,
      undecided: c.counts.undecided,
      inconclusive: c.counts.inconclusive
    },
    rule: c.rule,
    tests: c.tests.map((t) => ({
      key: t.key,
      test: t.test,
      baseRuns: t.baseRuns,
      headRuns: t.headRuns,
      undecided: t.undecided,
      inconclusive: t.inconclusive,
      runsNeeded: t.runsNeeded
    }))
  };
  const tail = {
    assertions: c.assertions,
    excludedPairs: c.excludedPairs,
    newInHead: c.newInHead,
    removedFromBase: c.removedFromBase,
    malformed: c.malformed,
    unknownMetrics: c.unknownMetrics,
    // Added (DESIGN §8): present only when the baseline held cached runs the sentinel checked.
    sentinel: c.sentinel,
    // Absent (left out) when nothing was waived.
    waivers: c.waivers
  };
  return { rows: c.rows, head, tail };
}
var CompactJson = class {
  strings = /* @__PURE__ */ new Map();
  /** The JSON text of `v`; `undefined` for what JSON.stringify leaves out (undefined, functions). */
  value(v) {
    switch (typeof v) {
      case "number":
        return Number.isFinite(v) ? String(v) : "null";
      case "string":
        return this.string(v);
      case "boolean":
        return v ? "true" : "false";
      case "object":
        if (v === null) return "null";
        if (typeof v.toJSON === "function")
          return jsonText(JSON.stringify(v) ?? "null");
        if (Array.isArray(v)) return this.array(v);
        return this.object(v);
      default:
        return void 0;
    }
  }
  /**
   * `name` (a comma, the quoted key and a colon) + the text of `v`; '' when JSON.stringify would
   * leave the member out (undefined). An object's text is `{` + its members' text without the
   * first comma + `}`: see `members`.
   */
  member(name, v) {
    const text = this.value(v);
    return text === void 0 ? "" : name + text;
  }
  string(s) {
    let out = this.strings.get(s);
    if (out === void 0) {
      out = jsonText(JSON.stringify(s));
      if (s.length <= 256) this.strings.set(s, out);
    }
    return out;
  }
  array(xs) {
    let out = "[";
    for (let i = 0; i < xs.length; i++) out += (i > 0 ? "," : "") + (this.value(xs[i]) ?? "null");
    return out + "]";
  }
  object(o) {
    let out = "{";
    let first = true;
    for (const k in o) {
      if (!Object.hasOwn(o, k)) continue;
      const v = this.value(o[k]);
      if (v === void 0) continue;
      out += (first ? "" : ",") + this.string(k) + ":" + v;
      first = false;
    }
    return out + "}";
  }
};
function members(text) {
  return text === "" ? "{}" : `{${text.slice(1)}}`;
}
function rowText(r, j) {
  return members(
    j.member(',"key":', r.key) + j.member(',"test":', r.test) + j.member(',"topology":', r.topology) + j.member(',"scheduler":', r.scheduler) + j.member(',"workType":', r.workType) + j.member(',"kernel":', r.kernel) + j.member(',"metric":', r.metric) + j.member(',"unit":', r.unit) + j.member(',"polarity":', r.polarity) + j.member(',"verdict":', r.verdict) + j.member(',"mode":', r.mode) + `,"base":${sideText(r.base, j)},"head":${sideText(r.head, j)}` + j.member(',"delta":', r.delta) + j.member(',"relDelta":', r.relDelta) + j.member(',"pValue":', r.pValue) + j.member(',"pAdjusted":', r.pAdjusted) + j.member(',"separated":', r.separated) + j.member(',"disjoint":', r.disjoint) + j.member(',"material":', r.material) + j.member(',"gate":', r.gate) + j.member(',"ci95":', r.ci95) + j.member(',"effectSize":', r.effectSize) + j.member(',"mustFail":', r.mustFail) + j.member(',"state":', r.state) + j.member(',"runsNeeded":', r.runsNeeded)
  );
}
function sideText(s, j) {
  if (s === null) return "null";
  return members(
    j.member(',"n":', s.n) + j.member(',"mean":', s.mean) + j.member(',"min":', s.min) + j.member(',"max":', s.max) + j.member(',"stdev":', s.stdev) + j.member(',"value":', s.value) + j.member(',"fold":', s.fold) + j.member(',"samples":', s.samples)
  );
}

// src/report/terminal.ts
var MAX_TEST = 72;
var MAX_METRIC2 = 40;
var MAX_LABEL = 24;
var MAX_LIST = 20;
var ANSI = {
  red: "\x1B[31m",
  green: "\x1B[32m",
  yellow: "\x1B[33m",
  dim: "\x1B[2m",
  bold: "\x1B[1m",
  reset: "\x1B[0m"
};
function renderTerminal(c, opts) {
  const paint = (s, ...styles) => opts.color && styles.length > 0 ? styles.map((st) => ANSI[st]).join("") + s + ANSI.reset : s;
  const lines = [];
  const shown2 = opts.allMetrics ? c.rows : c.rows.filter((r) => r.verdict !== "unchanged");
  const width = opts.width ?? Infinity;
  if (shown2.length > 0) lines.push(...table(c, shown2, paint, width), "");
  const tableLines = lines.length;
  const hidden = c.rows.length - shown2.length;
  if (hidden > 0) lines.push(`${plural(hidden, "unchanged row")} not listed (--all-metrics lists them)`);
  lines.push(`summary: ${countsSentence(c)}`);
  const verdictStyles = c.verdict === "fail" || c.verdict === "no-data" ? ["bold", "red"] : c.verdict === "pass" ? ["bold", "green"] : ["bold", "yellow"];
  const mark = c.verdict === "no-baseline" ? "\u26A0\uFE0F " : c.verdict === "no-data" ? "\u26D4 " : "";
  lines.push(
    `verdict: ${mark}${paint(verdictWord(c), ...verdictStyles)} \u2014 ${terminalText(reasonSentence(c))}`
  );
  lines.push(`mode: ${modeSentence(c)}`, `rule: ${ruleLabel(c)}`);
  lines.push(
    `baseline: ${side(c.baseline)}`,
    `head: ${side(c.head)}`,
    `registry: ${c.registry.source} (${terminalText(c.registry.detail, 200)})`
  );
  for (const n of c.notices) lines.push(`notice: ${terminalText(n, 500)}`);
  for (const a of c.assertions.filter((x) => x.tripped)) {
    const name = terminalText(a.name ?? a.metric, MAX_METRIC2);
    lines.push(
      paint(
        `assertion ${name} tripped on ${terminalText(a.key, MAX_TEST)}: ${formatPercent(a.relDelta)} (gate ${formatNumber(a.rel * 100)}%, floor ${formatNumber(a.abs)})`,
        "red"
      )
    );
  }
  const skipped = c.assertions.filter((a) => !a.tripped && a.skipped !== null).length;
  if (skipped > 0) lines.push(`  ${plural(skipped, "assertion")} not evaluated (see --json for why)`);
  if (c.newInHead.length > 0)
    lines.push(
      `  ${c.newInHead.length} row(s) new in '${label(c.head.label)}' (no matching key in '${label(c.baseline.label)}')`
    );
  if (c.removedFromBase.length > 0)
    lines.push(
      `  ${c.removedFromBase.length} row(s) removed from '${label(c.baseline.label)}' (no matching key in '${label(c.head.label)}')`
    );
  listed(
    lines,
    "excluded",
    c.excludedPairs.map((p) => `${terminalText(p.key, MAX_TEST)} \u2014 ${terminalText(p.reason, 200)}`)
  );
  for (const st of ["inconclusive", "undecided"])
    listed(
      lines,
      st,
      openRows(c.rows).filter((r) => r.state === st).map(
        (r) => `${terminalText(r.key, MAX_TEST)} ${terminalText(r.metric, MAX_METRIC2)} \u2014 ${wouldDecide(r)}`
      )
    );
  listed(
    lines,
    "unknown metric",
    c.unknownMetrics.map((m) => terminalText(m, MAX_METRIC2))
  );
  for (const m of c.malformed) {
    lines.push(
      `malformed: ${terminalText(m.file, 300)} at ${terminalText(m.path, 100)}: ${terminalText(m.message, 300)}`
    );
  }
  const wrap = (l) => {
    if (displayWidth(l) <= width || l.includes("\x1B")) return [l];
    const lead = /^ */.exec(l)[0];
    return wrapWords(l.slice(lead.length), width - lead.length, "    ").map((x) => lead + x);
  };
  const prose = lines.slice(tableLines).flatMap(wrap);
  return [...lines.slice(0, tableLines), ...prose].join("\n");
}
var GAP = "  ";
var INDENT = "  ";
function table(c, rows, paint, width) {
  const labels = [label(c.baseline.label), label(c.head.label)];
  const cells = rows.map((r) => ({
    test: terminalText(r.key, MAX_TEST),
    metric: terminalText(r.metric, MAX_METRIC2),
    base: terminalText(formatSide(r.base, r.unit)),
    head: terminalText(formatSide(r.head, r.unit)),
    delta: terminalText(deltaCell(r)),
    pct: r.base === null || r.head === null ? "\u2013" : formatPercent(r.relDelta),
    verdict: rowVerdictLabel(r),
    style: verdictStyle(r)
  }));
  const wide = wideTable(labels, cells);
  if (fits(wide, width)) return wide.map((l) => l.render(paint));
  for (const pctOnly of [false, true]) {
    const stacked = stackedTable(labels, cells, pctOnly);
    if (fits(stacked, width)) return stacked.map((l) => l.render(paint));
  }
  return tallTable(labels, cells, width).map((l) => l.render(paint));
}
function fits(lines, width) {
  return lines.every((l) => displayWidth(l.plain) <= width);
}
function textLine(s) {
  return { plain: s, render: () => s };
}
function cellLine(prefix, row, widths2, right, style) {
  const body = row.slice(0, -1).map((cell, i) => pad(cell, widths2[i], right[i]));
  const last = row[row.length - 1];
  const head = prefix + [...body, ""].join(GAP);
  return { plain: head + last, render: (paint) => head + paint(last, ...style) };
}
function widths(rows) {
  return rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
}
function wideTable(labels, cells) {
  const header2 = ["TEST", "METRIC", ...labels, "DELTA", "VERDICT"];
  const rows = cells.map((x) => [x.test, x.metric, x.base, x.head, x.delta, x.verdict]);
  const w = widths([header2, ...rows]);
  const right = [false, false, true, true, true];
  return [
    cellLine("", header2, w, right, []),
    ...rows.map((row, i) => cellLine("", row, w, right, cells[i].style))
  ];
}
function stackedTable(labels, cells, pctOnly) {
  const header2 = ["METRIC", ...labels, "DELTA", "VERDICT"];
  const rows = cells.map((x) => [x.metric, x.base, x.head, pctOnly ? x.pct : x.delta, x.verdict]);
  const w = widths([header2, ...rows]);
  const right = [false, true, true, true];
  return withTests(
    [textLine("TEST"), cellLine(INDENT, header2, w, right, [])],
    cells,
    (x, i) => [cellLine(INDENT, rows[i], w, right, x.style)],
    Infinity
  );
}
function tallTable(labels, cells, width) {
  const header2 = [...labels, "DELTA", "VERDICT"];
  const rows = cells.map((x) => [x.base, x.head, x.pct, x.verdict]);
  const w = widths([header2, ...rows]);
  const right = [true, true, true];
  const values = INDENT + INDENT;
  return withTests(
    [textLine("TEST"), textLine(INDENT + "METRIC"), cellLine(values, header2, w, right, [])],
    cells,
    (x, i) => [
      textLine(INDENT + clipWidth(x.metric, width - INDENT.length)),
      cellLine(values, rows[i], w, right, x.style)
    ],
    width
  );
}
function withTests(head, cells, row, width) {
  const out = [...head];
  let test = null;
  cells.forEach((x, i) => {
    if (x.test !== test) out.push(textLine(clipWidth(x.test, width)));
    test = x.test;
    out.push(...row(x, i));
  });
  return out;
}
function verdictStyle(r) {
  return r.verdict === "regression" ? ["red"] : r.verdict === "improvement" ? ["green"] : r.verdict === "unchanged" ? ["dim"] : ["yellow"];
}
function deltaCell(r) {
  if (r.base === null || r.head === null) return "\u2013";
  return `${formatRowDelta(r)} (${formatPercent(r.relDelta)})`;
}
function label(s) {
  return terminalText(s, MAX_LABEL);
}
function side(s) {
  const kernels = s.kernels.length > 0 ? `, kernel ${few(s.kernels)}` : "";
  const hosts = s.hosts.length > 0 ? `, host ${few(s.hosts)}` : "";
  return `${label(s.label)} (${terminalText(s.how, 120)}; ${plural(s.sidecars, "sidecar")}, ${plural(s.runs, "run")}${kernels}${hosts})`;
}
function listed(lines, what, items) {
  for (const item of items.slice(0, MAX_LIST)) lines.push(`${what}: ${item}`);
  if (items.length > MAX_LIST) lines.push(`${what}: \u2026 and ${items.length - MAX_LIST} more (see --json)`);
}
function few(items) {
  const shown2 = items.slice(0, 5).map((x) => terminalText(x, 60));
  return items.length > 5 ? `${shown2.join(", ")} and ${items.length - 5} more` : shown2.join(", ");
}

// src/github/artifacts.ts
import { lstat, mkdir as mkdir3, mkdtemp, readFile as readFile4, readdir as readdir3, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join3, relative } from "node:path";

// src/github/extract.ts
var import_yauzl = __toESM(require_yauzl(), 1);
import { mkdir as mkdir2, open, rm, readdir as readdir2 } from "node:fs/promises";
import { dirname, join as join2, resolve, sep } from "node:path";
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
function plan(entries, limits, label2) {
  const seen = /* @__PURE__ */ new Set();
  const dirs = /* @__PURE__ */ new Set();
  const files = /* @__PURE__ */ new Set();
  const planned = [];
  let declared = 0;
  for (const entry of entries) {
    const name = entry.fileName;
    const reason = unsafePathReason(name, limits.maxPathLength);
    if (reason) throw new UnsafeArchiveError(`${label2}: entry ${shown(name)} rejected: ${reason}`);
    const madeBy = entry.versionMadeBy >> 8;
    const mode = entry.externalFileAttributes >>> 16 & S_IFMT;
    const isDir = name.endsWith("/");
    if (madeBy === 3 && mode !== 0) {
      if (mode === 40960)
        throw new UnsafeArchiveError(`${label2}: entry ${shown(name)} rejected: symbolic link`);
      if (mode !== (isDir ? S_IFDIR : S_IFREG)) {
        throw new UnsafeArchiveError(
          `${label2}: entry ${shown(name)} rejected: not a regular file or directory`
        );
      }
    }
    if (entry.isEncrypted())
      throw new UnsafeArchiveError(`${label2}: entry ${shown(name)} rejected: encrypted`);
    const path3 = isDir ? name.slice(0, -1) : name;
    const key = path3.toLowerCase();
    if (seen.has(key)) throw new UnsafeArchiveError(`${label2}: entry ${shown(name)} rejected: duplicate path`);
    seen.add(key);
    const parts = path3.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/").toLowerCase();
      if (files.has(parent))
        throw new UnsafeArchiveError(`${label2}: entry ${shown(name)} rejected: parent is a file`);
      dirs.add(parent);
    }
    if (isDir) dirs.add(key);
    else {
      if (dirs.has(key))
        throw new UnsafeArchiveError(`${label2}: entry ${shown(name)} rejected: also a directory`);
      files.add(key);
      if (entry.uncompressedSize > limits.maxFileBytes) {
        throw new UnsafeArchiveError(
          `${label2}: entry ${shown(name)} rejected: ${entry.uncompressedSize} bytes, over the ${limits.maxFileBytes}-byte file cap`
        );
      }
      declared += entry.uncompressedSize;
    }
    planned.push({ entry, path: path3, isDir });
  }
  if (declared > limits.maxTotalBytes) {
    throw new UnsafeArchiveError(
      `${label2}: ${declared} bytes uncompressed, over the ${limits.maxTotalBytes}-byte cap`
    );
  }
  return planned;
}
async function extractZipSafely(zipFile, targetDir, limits = DEFAULT_EXTRACT_LIMITS, label2 = "artifact") {
  await mkdir2(targetDir, { recursive: true });
  if ((await readdir2(targetDir)).length > 0) {
    throw new Error(`${label2}: extraction target ${targetDir} is not empty \u2014 pass a fresh directory`);
  }
  let zip;
  try {
    zip = await openZip(zipFile);
  } catch (err) {
    throw new UnsafeArchiveError(`${label2}: not a readable zip (${err.message.slice(0, 160)})`, {
      cause: err
    });
  }
  const root = resolve(targetDir);
  const written = [];
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UnsafeArchiveError(
        `${label2}: ${zip.entryCount} entries, over the ${limits.maxEntries}-entry cap`
      );
    }
    let entries;
    try {
      entries = await readEntries(zip);
    } catch (err) {
      throw new UnsafeArchiveError(
        `${label2}: rejected by the zip reader: ${err.message.slice(0, 160)}`,
        {
          cause: err
        }
      );
    }
    const planned = plan(entries, limits, label2);
    let total = 0;
    for (const p of planned) {
      const dest = resolve(root, ...p.path.split("/"));
      if (!dest.startsWith(root + sep)) {
        throw new UnsafeArchiveError(`${label2}: entry ${shown(p.path)} rejected: resolves outside the target`);
      }
      if (p.isDir) {
        await mkdir2(dest, { recursive: true });
        continue;
      }
      await mkdir2(dirname(dest), { recursive: true });
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
            throw new UnsafeArchiveError(`${label2}: entry ${shown(p.path)} inflates past the size cap`);
          }
          await handle.write(buf);
        }
      } catch (err) {
        if (err instanceof UnsafeArchiveError) throw err;
        throw new UnsafeArchiveError(
          `${label2}: entry ${shown(p.path)} is corrupt: ${err.message.slice(0, 160)}`,
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
    const left = await readdir2(root);
    await Promise.all(left.map((n) => rm(join2(root, n), { recursive: true, force: true })));
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
    for (const ent of await readdir3(d, { withFileTypes: true })) {
      const p = join3(d, ent.name);
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
  const label2 = `artifact ${opts.name} (id ${opts.artifactId}, run ${opts.findBy.runId})`;
  const scratch = await mkdtemp(join3(tmpdir(), "ktstr-artifact-"));
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
        `${label2}: download failed: ${firstLine(err)} \u2014 the token needs \`actions: read\`; an expired or deleted artifact cannot be fetched`,
        { cause: err }
      );
    }
    if (res.digestMismatch) {
      throw new Error(
        `${label2}: downloaded content does not match its SHA-256 digest \u2014 the artifact is corrupt or was replaced; re-run the producing job`
      );
    }
    const entries = await readdir3(scratch, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile());
    if (entries.length !== 1 || files.length !== 1) {
      throw new Error(
        `${label2}: expected one archive from the download, got ${entries.length} entries \u2014 re-run the job`
      );
    }
    const archive = join3(scratch, files[0].name);
    const st = await lstat(archive);
    if (st.size > maxArchive)
      throw new Error(`${label2}: archive is ${st.size} bytes, over the ${maxArchive}-byte cap`);
    return await extractZipSafely(archive, opts.targetDir, limits, label2);
  } finally {
    await rm2(scratch, { recursive: true, force: true });
  }
}
async function restoreArtifact(opts) {
  const existed = await lstat(opts.targetDir).then(
    () => true,
    () => false
  );
  await mkdir3(opts.targetDir, { recursive: true });
  if ((await readdir3(opts.targetDir)).length > 0) {
    throw new Error(
      `restoring artifact ${opts.name}: ${opts.targetDir} is not empty \u2014 pass a fresh directory for the restored pool subtree`
    );
  }
  const clear = async () => {
    for (const entry of await readdir3(opts.targetDir)) {
      await rm2(join3(opts.targetDir, entry), { recursive: true, force: true });
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
  const dir = await mkdtemp(join3(tmpdir(), "ktstr-report-"));
  try {
    await writeFile2(join3(dir, REPORT_FILE), `${JSON.stringify(envelope)}
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
  const label2 = `report artifact ${opts.name} (run ${opts.findBy.runId})`;
  if (matches.length > 1)
    throw new Error(
      `${label2}: ${matches.length} artifacts carry this name (ids ${matches.map((a) => a.id).join(", ")}) \u2014 something beside ktstr-perf-gate uploaded one; not using any`
    );
  if (!match.digest)
    throw new Error(
      `${label2}: GitHub lists no digest for it, so its content cannot be verified; not using it`
    );
  const dir = await mkdtemp(join3(tmpdir(), "ktstr-report-in-"));
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
      throw new Error(`${label2}: no ${REPORT_FILE} inside \u2014 was it uploaded by ktstr-perf-gate?`);
    let parsed;
    try {
      parsed = JSON.parse(await readFile4(join3(dir, REPORT_FILE), "utf8"));
    } catch (err) {
      throw new Error(
        `${label2}: ${REPORT_FILE} is not valid JSON \u2014 the producing job wrote a broken report; re-run it`,
        {
          cause: err
        }
      );
    }
    const env = envelopeSchema.safeParse(parsed);
    if (!env.success) {
      const issue = env.error.issues[0];
      throw new Error(
        `${label2}: ${issue?.path.join(".") || "envelope"}: ${issue?.message ?? "invalid"} \u2014 not a ktstr-perf-gate report`
      );
    }
    let report;
    try {
      report = opts.parseReport ? opts.parseReport(env.data.report) : reportShape.parse(env.data.report);
    } catch (err) {
      const first = err instanceof external_exports.ZodError ? `${err.issues[0]?.path.join(".")}: ${err.issues[0]?.message}` : err.message;
      throw new Error(
        `${label2}: report is invalid (${first.slice(0, 160)}) \u2014 not a report this version understands`,
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
  return oneLine2(raw).slice(0, 200);
}
function oneLine2(s) {
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
function describe2(method, url) {
  const path3 = /^https?:\/\//.test(url) ? new URL(url).pathname : url.split("?")[0];
  return `${method} ${path3}`;
}
function toGitHubApiError(err, operation, attempts, decision, why) {
  const e = err ?? {};
  const status = e.response ? e.status : void 0;
  const gh = e.response ? githubMessageOf(err) : oneLine2(e.message ?? "network error").slice(0, 200);
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
      const operation = describe2(String(options2.method ?? "GET"), String(options2.url ?? ""));
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

export {
  UsageError,
  isUsageError,
  metricDescription,
  polarityLabel,
  kindLabel,
  parseMustFail,
  loadPolicy,
  loadAcceptFile,
  require_jstat,
  describe,
  redecide,
  labelStatus,
  applyWaivers,
  refuteLabelWaiver,
  loadRegistry,
  effectiveGate,
  compare,
  rowOrder,
  resolveBaseline,
  labelOf,
  pairingDimensions,
  listValues,
  poolManifests,
  restorableRuns,
  comparePool,
  assertDir,
  terminalText,
  mdText,
  htmlText,
  shellArg,
  formatNumber,
  formatRowDelta,
  formatPercent,
  formatCi,
  formatP,
  formatSpread,
  formatGateSpec,
  displayWidth,
  pad,
  wrapWords,
  stripPlots,
  mermaidChart,
  markdownTable,
  verdictWord,
  plural,
  reasonSentence,
  splitShown,
  acceptedIds,
  MAX_KEY,
  MAX_METRIC,
  byImportance,
  headline,
  callout,
  openRowsSection,
  contextLine,
  noticesBlock,
  assertionsTable,
  cached,
  mainTable,
  statsTable,
  termsLine,
  nextSteps,
  waiversBlock,
  restTable,
  details,
  omittedLine,
  provenance,
  fitRows,
  commentMarker,
  renderComment,
  renderJson,
  writeJson,
  renderTerminal,
  DEFAULT_EXTRACT_LIMITS,
  sidecarArtifactName,
  uploadDirectory,
  downloadArtifactSafely,
  restoreArtifact,
  reportArtifactName,
  uploadReport,
  downloadReport,
  GitHubApiError,
  createGitHubClient
};

// The web editor's own rules, applied before Decap CMS saves a record: copied into admin/ beside
// decap-cms.js. Its data, admin/congkhai-rules.js (window.CONGKHAI_RULES), is generated from the rules
// `congkhai check` applies (generator/build/editor.py), so the form refuses what check refuses, with the
// same Vietnamese words:
// - a new record's file is named by the dataset's own rule (Decap's slugs are lower case);
// - an optional group left empty is dropped, a filled one needs its required fields;
// - the datasets' cross-field rules (feedback: an answer only with the status «da_xu_ly", no date
//   after today …);
// - no personal data: the privacy scan of generator/core/privacy.py and persons.py, ported, with
//   libphonenumber-js (window.libphonenumber) for phone numbers as phonenumbers finds them.
(function () {
  "use strict";
  var R = window.CONGKHAI_RULES;
  var CMS = window.CMS;
  var P = R.privacy;

  function re(name, flags) {
    return new RegExp(P.patterns[name], flags || "u");
  }
  function rx(source, flags) {
    return new RegExp(source, flags || "u");
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return key in values ? values[key] : "{" + key + "}";
    });
  }

  // ---- the privacy scan (generator/core/privacy.py) ----

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(MARKS, "");
  }
  function digits(text) {
    var found = text.replace(/\D/g, "");
    if (/^\s*\+84/.test(text) || (found.indexOf("84") === 0 && found.length === 11)) {
      found = "0" + found.slice(2);
    }
    return found;
  }
  function maskNumber(text, first, last) {
    if (first === undefined) first = 2;
    if (last === undefined) last = 3;
    var total = (text.match(/\d/g) || []).length;
    var seen = 0;
    return Array.from(text)
      .map(function (c) {
        if (!/\d/.test(c)) return c;
        seen += 1;
        return seen <= first || seen > total - last ? c : "x";
      })
      .join("");
  }
  function maskEmail(text) {
    var at = text.indexOf("@");
    return text.slice(0, 1) + "***@" + text.slice(at + 1);
  }
  function maskName(text) {
    return text
      .split(/\s+/)
      .filter(Boolean)
      .map(function (w) {
        return Array.from(w)[0] + ".";
      })
      .join(" ");
  }
  function message(kind, shown, allowable) {
    var text = P.message.split("{kind}").join(kind).split("{shown}").join(shown) + (P.hints[kind] || "");
    if (allowable) text += P.allowedSuffix.split("{kind}").join(kind);
    return text;
  }
  var allowedNumbers = new Set(P.allowed.numbers);
  var allowedEmails = new Set(P.allowed.emails);

  function emails(text, found) {
    var dot = rx(P.patterns.dot, "gu");
    return text.replace(re("looseEmail", "gu"), function (_, local, domain) {
      var address = local + "@" + domain.replace(dot, ".");
      if (!allowedEmails.has(address.toLowerCase())) {
        found.push(message(P.email, maskEmail(address), true));
      }
      return " ";
    });
  }

  function phones(text, found) {
    var lib = window.libphonenumber;
    var matches = lib.findPhoneNumbersInText(text, { defaultCountry: "VN", v2: true });
    matches.forEach(function (m) {
      var raw = text.slice(m.startsAt, m.endsAt);
      var kind = P.phoneKinds[m.number.getType()];
      var shown = raw;
      if ((shown.match(/\(/g) || []).length > (shown.match(/\)/g) || []).length) {
        shown = shown.replace("(", "");
      }
      if (kind && !allowedNumbers.has(digits(shown))) found.push(message(kind, maskNumber(shown), true));
    });
    matches
      .slice()
      .reverse()
      .forEach(function (m) {
        text = text.slice(0, m.startsAt) + " " + text.slice(m.endsAt);
      });
    return text;
  }

  function blank(name, text, found) {
    var kind = P.kinds[name];
    if (kind.words && !rx(kind.words).test(text.toLowerCase())) return text;
    return text.replace(rx(kind.pattern, "gu"), function () {
      var groups = Array.prototype.slice.call(arguments, 0, -2);
      var value = null;
      kind.groups.forEach(function (g) {
        if (value === null && groups[g]) value = groups[g];
      });
      if (value === null) return " ";
      var keep = !kind.province || (function (d) {
        var n = parseInt(d.slice(0, 3), 10);
        return n >= 1 && n <= 96;
      })(digits(value));
      if (keep && !allowedNumbers.has(digits(value))) {
        found.push(message(kind.name, maskNumber(value, kind.first, kind.last), kind.allowable));
      }
      return " ";
    });
  }

  function unlessHouses(match) {
    var numbers = match.split(/\s*[-–]\s*/).map(function (n) {
      return parseInt(n.replace(/\D/g, ""), 10);
    });
    for (var i = 1; i < numbers.length; i++) {
      var step = numbers[i] - numbers[i - 1];
      if (step < 0 || step > P.houseStep) return match;
    }
    return " ";
  }

  function numbers(text, found) {
    var rest = text;
    P.numbersBefore.forEach(function (name) {
      rest = blank(name, rest, found);
    });
    if (re("longRun").test(rest) || re("slashed").test(rest)) {
      rest = phones(rest.replace(re("houseList", "gu"), unlessHouses), found);
    }
    P.numbersAfter.forEach(function (name) {
      rest = blank(name, rest, found);
    });
  }

  function urlValues(url, found) {
    var values;
    try {
      var parts = new URL(url);
      values = [];
      parts.searchParams.forEach(function (value) {
        if (value) values.push(value);
      });
      values.push(decodeURIComponent(parts.hash.replace(/^#/, "")));
    } catch (e) {
      values = [url.split("://").slice(1).join("://")];
    }
    emails(values.join(" "), found);
    var dialled = values
      .filter(function (v) {
        return /^\s*(?:\+84|0)\d/.test(v);
      })
      .join(" ");
    if (re("longRun").test(dialled)) phones(dialled, found);
  }

  // ---- names and house addresses (generator/core/persons.py) ----

  var N = P.persons;
  var FAMILY = new Set(N.familyNames);
  var RARE = new Set(N.rareWords);
  var MIDDLE = new Set(N.middleNames);
  var PLAIN_MIDDLE = new Set(N.plainMiddleNames);
  var TITLES = new Set(N.titles);
  var FOLDED_TITLES = new Set(N.foldedTitles);
  var PLACES = new Set(N.placeWords);

  function isUpper(w) {
    return w === w.toUpperCase() && w !== w.toLowerCase();
  }
  function isLower(w) {
    return w === w.toLowerCase() && w !== w.toUpperCase();
  }
  function capitalised(w) {
    var chars = Array.from(w);
    return isUpper(chars[0]) && isLower(chars.slice(1).join(""));
  }
  function sameCase(parts) {
    var style = isUpper(parts[0]) ? isUpper : capitalised;
    var kept = [];
    for (var i = 0; i < parts.length; i++) {
      if (!style(parts[i])) break;
      kept.push(parts[i]);
    }
    return kept;
  }
  function marked(parts) {
    return parts.some(function (p) {
      return fold(p) !== p.toLowerCase();
    });
  }
  function isName(parts, previous, before) {
    var folded = fold(parts.join(" "));
    var houseNumber = rx("^(?:" + P.patterns.houseNumber + ")$");
    if (
      PLACES.has(fold(previous)) ||
      houseNumber.test(previous) ||
      N.publicNames.some(function (n) {
        return folded.indexOf(n) === 0;
      })
    ) {
      return false;
    }
    var accented = FAMILY.has(parts[0]);
    var titled = TITLES.has(previous.toLowerCase()) || (!marked(parts) && FOLDED_TITLES.has(fold(previous)));
    var middle = MIDDLE.has(parts[1]) || (!marked(parts) && PLAIN_MIDDLE.has(parts[1].toLowerCase()));
    var phrase = N.titlePhrases.some(function (p) {
      return before.slice(-p.length) === p;
    });
    if (titled || middle || phrase) return true;
    return parts.length >= 3 && (accented || RARE.has(fold(parts[0])));
  }
  function names(text) {
    var found = [];
    var m;
    var lower = re("lowerName", "gu");
    while ((m = lower.exec(text))) {
      if (m[1] === m[1].toLowerCase()) found.push(m[1]);
    }
    var capital = re("capitalised", "gu");
    while ((m = capital.exec(text))) {
      var parts = sameCase(m[0].split(" "));
      if (parts.length < 2) continue;
      var before = text.slice(0, m.index).replace(/[ :]+$/, "");
      var words = before.trim() ? before.trim().split(/\s+/) : [""];
      var previous = words[words.length - 1].replace(/\.+$/, "");
      if (isName(parts, previous, fold(before))) found.push(parts.join(" "));
    }
    return found;
  }
  function houseAddresses(text) {
    var found = [];
    if (re("houseWords").test(text.toLowerCase())) {
      found = text.match(re("house", "gu")) || [];
      text = text.replace(re("house", "gu"), " ");
    }
    return found.concat(text.indexOf("/") >= 0 ? text.match(re("slashedHouse", "gu")) || [] : []);
  }

  // scan_text
  function scanText(text, withNames) {
    if (!/^[\x00-\x7f]*$/.test(text)) text = text.normalize("NFKC");
    var found = [];
    var urls = text.indexOf("://") >= 0 ? text.match(re("url", "gu")) || [] : [];
    var rest = urls.length ? text.replace(re("url", "gu"), " ") : text;
    urls.forEach(function (url) {
      urlValues(url, found);
    });
    if (
      rest.indexOf("@") >= 0 ||
      ((rest.indexOf("at") >= 0 || rest.indexOf("AT") >= 0 || rest.indexOf("còng") >= 0) &&
        re("speltAt").test(rest))
    ) {
      rest = emails(rest, found);
    }
    if (re("candidate").test(rest)) numbers(rest, found);
    if (withNames) {
      houseAddresses(text).forEach(function (a) {
        found.push(message(P.address, maskNumber(a, 0, 0)));
      });
      names(text).forEach(function (n) {
        found.push(message(P.name, maskName(n)));
      });
    }
    return found;
  }
  window.congkhaiScanText = scanText;

  // ---- what a record's values are, and where ----

  function keyOf(path) {
    return path
      .map(function (p, i) {
        return typeof p === "number" ? "[" + p + "]" : (i ? "." : "") + p;
      })
      .join("");
  }
  function texts(value, path, out) {
    if (typeof value === "string") {
      if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(value)) out.push([path, value]);
    } else if (Array.isArray(value)) {
      value.forEach(function (item, i) {
        texts(item, path.concat([i]), out);
      });
    } else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (k) {
        texts(value[k], path.concat([k]), out);
      });
    }
    return out;
  }
  function filled(value) {
    if (value === null || value === undefined || value === "") return false;
    if (Array.isArray(value)) return value.some(filled);
    if (typeof value === "object") return Object.keys(value).some(function (k) {
      return filled(value[k]);
    });
    return true;
  }
  // every object reached by following ``names`` from ``value`` (lists crossed), with its path
  function objectsAt(value, names, path) {
    if (Array.isArray(value)) {
      return value.reduce(function (all, item, i) {
        return all.concat(objectsAt(item, names, path.concat([i])));
      }, []);
    }
    if (!value || typeof value !== "object") return [];
    if (!names.length) return [[value, path]];
    return objectsAt(value[names[0]], names.slice(1), path.concat([names[0]]));
  }
  function get(data, path) {
    return path.reduce(function (v, k) {
      return v && typeof v === "object" ? v[k] : undefined;
    }, data);
  }

  // ---- cross-field rules (the datasets' check, by message) ----

  function showDay(day) {
    return window.congkhaiDayShown(String(day).slice(0, 10));
  }
  // no item received, moved on or answered after today (the feedback's check, by the clock's day)
  function futureDays(data, M, errors) {
    var now = new Date();
    var today = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
    var days = [["ngay_tiep_nhan", data.ngay_tiep_nhan]];
    (data.trang_thai || []).forEach(function (step, i) {
      days.push(["trang_thai[" + i + "].ngay", step && step.ngay]);
    });
    days.push(["ngay_tra_loi", data.ngay_tra_loi]);
    days.forEach(function (pair) {
      var day = pair[1] ? String(pair[1]).slice(0, 10) : "";
      if (/^\d{4}-\d{2}-\d{2}$/.test(day) && day > today) {
        errors.push([pair[0], fill(M.future_day, { day: showDay(day), today: showDay(today) })]);
      }
    });
  }
  function answerRules(data, M, errors) {
    var steps = data.trang_thai || [];
    var answered = -1;
    steps.forEach(function (s, i) {
      if (answered < 0 && s && s.trang_thai === "da_xu_ly") answered = i;
    });
    var document = filled(data.van_ban_tra_loi);
    var hasAnswer = filled(data.tra_loi) || filled(data.ngay_tra_loi) || filled(data.ket_qua) || document;
    if (answered >= 0) {
      var missing = [
        ["ngay_tra_loi", filled(data.ngay_tra_loi)],
        ["tra_loi", filled(data.tra_loi)],
        ["ket_qua", filled(data.ket_qua)],
        ["van_ban_tra_loi", document || filled(data.tra_loi)],
      ]
        .filter(function (p) {
          return !p[1];
        })
        .map(function (p) {
          return p[0];
        });
      var at = "trang_thai[" + answered + "].trang_thai";
      if (missing.length) errors.push([at, fill(M.needs_answer, { missing: missing.join(", ") })]);
      var day = steps[answered].ngay;
      if (filled(data.ngay_tra_loi) && day && String(data.ngay_tra_loi).slice(0, 10) !== String(day).slice(0, 10)) {
        errors.push(["ngay_tra_loi", fill(M.answer_day, { answered: showDay(data.ngay_tra_loi), day: showDay(day) })]);
      }
    } else if (hasAnswer) {
      var status = steps.length && steps[steps.length - 1] ? steps[steps.length - 1].trang_thai : "da_tiep_nhan";
      var key = filled(data.tra_loi)
        ? "tra_loi"
        : filled(data.ngay_tra_loi)
          ? "ngay_tra_loi"
          : filled(data.ket_qua)
            ? "ket_qua"
            : "van_ban_tra_loi";
      errors.push([key, fill(M.answer_too_early, { status: status })]);
    }
    if (filled(data.tra_loi) && !document) errors.push(["tra_loi", M.answer_without_document]);
    var published = -1;
    steps.forEach(function (s, i) {
      if (published < 0 && s && s.trang_thai === "da_cong_khai") published = i;
    });
    if (published >= 0 && !filled(data.hinh_thuc_cong_khai)) {
      errors.push(["trang_thai[" + published + "].trang_thai", M.needs_publish_form]);
    }
  }

  // ---- before saving ----

  var pending = {};
  function problems(collection, data) {
    var rules = R.collections[collection];
    var errors = [];
    if (!rules) return errors;
    rules.groups.forEach(function (group) {
      var value = get(data, group.path);
      if (!filled(value)) return;
      group.required.forEach(function (name) {
        if (!filled(value[name])) errors.push([keyOf(group.path.concat([name])), R.missing]);
      });
    });
    rules.depends.forEach(function (rule) {
      objectsAt(data, rule.path, []).forEach(function (found) {
        var object = found[0];
        if (rule.anyOf) {
          if (!rule.anyOf.some(function (name) {
            return filled(object[name]);
          })) {
            errors.push([keyOf(found[1].concat([rule.field])), rule.message]);
          }
          return;
        }
        var present = filled(object[rule.field]);
        var chosen = rule.values.indexOf(object[rule.on]) >= 0;
        if (rule.needed ? chosen && !present : present && !chosen) {
          errors.push([keyOf(found[1].concat([rule.field])), rule.message]);
        }
      });
    });
    var M = rules.messages;
    if (M.future_day) futureDays(data, M, errors);
    if (M.needs_answer) answerRules(data, M, errors);
    if (M.needs_level && !filled(data.cap_thuc_hien) && !filled(data.cap_thuc_hien_mo_ta)) {
      errors.push(["cap_thuc_hien", M.needs_level]);
    }
    if (M.groups_or_tasks) {
      (data.phan || []).forEach(function (part, i) {
        if (part && filled(part.nhom) === filled(part.nhiem_vu)) errors.push(["phan[" + i + "].nhom", M.groups_or_tasks]);
      });
    }
    texts(data, [], []).forEach(function (pair) {
      scanText(pair[1], rules.scanNames).forEach(function (m) {
        errors.push([keyOf(pair[0]), m]);
      });
    });
    return errors;
  }
  window.congkhaiProblems = problems;

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var collection = entry.get("collection");
      var map = entry.get("data");
      var rules = R.collections[collection];
      if (rules) {
        rules.groups.forEach(function (group) {
          if (map.hasIn(group.path) && !filled(get(map.toJS(), group.path))) map = map.deleteIn(group.path);
        });
      }
      var data = map.toJS();
      var errors = problems(collection, data);
      if (errors.length) {
        // named as check names them: «key (Nhãn): what is wrong»; shown by Decap without «Error:»
        var said = errors
          .map(function (e) {
            var name = (rules && rules.labels[String(e[0]).replace(/\[\d+\]/g, "")]) || "";
            return e[0] + (name ? " (" + name + ")" : "") + ": " + e[1];
          })
          .join("\n");
        throw refusalOf(said);
      }
      pending[collection] = data;
      return map;
    },
  });

  // ---- a new record's file, named by the dataset's rule ----

  function recordPath(collection, data) {
    var rules = R.collections[collection];
    var stem = rules.file.replace(/\{(\w+)(\|year)?\}/g, function (_, key, year) {
      var value = data[key] === undefined || data[key] === null ? "" : String(data[key]);
      return year ? value.slice(0, 4) : value;
    });
    return rules.folder + "/" + stem + ".yml";
  }
  function atDepth(entries, folder, depth) {
    if (!depth || depth < 2 || !Array.isArray(entries)) return entries;
    var kept = entries.filter(function (entry) {
      var path = (entry.file && entry.file.path) || entry.path || "";
      return path.slice(folder.length + 1).split("/").length === depth;
    });
    Object.getOwnPropertySymbols(entries).forEach(function (symbol) {
      kept[symbol] = entries[symbol]; // the GitHub backend's paging cursor
    });
    return kept;
  }
  // the refusal of a new record whose file is already there, named as check names it
  function codeUsed(collection, data, path) {
    var rules = R.collections[collection];
    var keys = (rules.file.match(/\{\w+\}/g) || []).map(function (k) {
      return k.slice(1, -1);
    });
    var key = keys[keys.length - 1] || "";
    var name = rules.labels[key] || "";
    return refusalOf(key + (name ? " (" + name + ")" : "") + ": " + fill(R.codeUsed, { code: data[key], file: path }));
  }
  // an error Decap shows as it is, without «Error:»
  function refusalOf(said) {
    var refusal = new Error(said);
    refusal.toString = function () {
      return said;
    };
    return refusal;
  }
  // where Decap's own name for a new record's file (its slug) leads: the file as the rule named it
  var renamed = {};
  ["proxy", "github"].forEach(function (name) {
    var backend = CMS.getBackend(name);
    if (!backend) return;
    var init = backend.init;
    backend.init = function () {
      var implementation = init.apply(null, arguments);
      var persist = implementation.persistEntry.bind(implementation);
      var read = implementation.getEntry.bind(implementation);
      implementation.persistEntry = function (entry, options) {
        var data = pending[options.collectionName];
        var rules = R.collections[options.collectionName];
        if (!(options.newEntry && data && rules && rules.file)) return persist(entry, options);
        var path = recordPath(options.collectionName, data);
        var named = Object.assign({}, entry, {
          dataFiles: entry.dataFiles.map(function (file) {
            if (file.path !== path) renamed[file.path] = path;
            return Object.assign({}, file, { path: path });
          }),
        });
        // A new record never takes the file of one already published (its code offered twice, or typed).
        // A file that is not there: refused by GitHub, read as {data: null} by decap-server.
        return read(path)
          .then(
            function (found) {
              return Boolean(found) && typeof found.data === "string";
            },
            function () {
              return false;
            },
          )
          .then(function (taken) {
            if (taken) throw codeUsed(options.collectionName, data, path);
            return persist(named, options);
          });
      };
      // Once published, Decap reads the new record by its own name: the file the rule named instead
      implementation.getEntry = function (path) {
        return read(renamed[path] || path);
      };
      // Records filed in year folders (<năm>/<mã>.yml) are listed at that depth only: the folder's
      // settings file (pakn/cau-hinh.yml) is not a record. Decap's own «filter» compares one value.
      ["entriesByFolder", "allEntriesByFolder"].forEach(function (method) {
        var list = implementation[method];
        if (typeof list !== "function") return;
        implementation[method] = function (folder, extension, depth) {
          return list.apply(implementation, arguments).then(function (entries) {
            return atDepth(entries, folder, depth);
          });
        };
      });
      return implementation;
    };
  });

  // A new record published: its page in the editor is the one of its file as the rule named it
  // (PAKN-2022-001 in 2022/), not Decap's own lower-case name (2026/pakn-2022-001), whose form is blank.
  CMS.registerEventListener({
    name: "postPublish",
    handler: function (event) {
      var entry = event.entry;
      var name = entry.get("collection");
      var rules = R.collections[name];
      if (!rules || !rules.file || !rules.folderCollection) return;
      var stem = recordPath(name, entry.get("data").toJS()).slice(rules.folder.length + 1).replace(/\.yml$/, "");
      if (stem === entry.get("slug")) return;
      setTimeout(function () {
        window.location.hash = "#/collections/" + name + "/entries/" + stem;
      }, 0);
    },
  });

  // An address typed or pasted while a record is open: Decap keeps the open record's form under the new
  // address, so that staff would edit one record believing it another; the page is loaded anew instead.
  function entryOf(hash) {
    var found = /^#\/collections\/([^/]+)\/entries\/(.+)$/.exec(hash || "");
    return found ? found[1] + "/" + found[2] : null;
  }
  var openEntry = entryOf(window.location.hash);
  window.addEventListener("hashchange", function () {
    var next = entryOf(window.location.hash);
    if (openEntry && next && next !== openEntry) {
      window.location.reload();
      return;
    }
    openEntry = next;
  });

  // ---- the preview: the record as a page of the site, in the site's own styles ----

  (R.styles || []).forEach(function (href) {
    CMS.registerPreviewStyle(href);
  });
  var h = window.h;
  function shown(value, field) {
    if (value === null || value === undefined || value === "") return null;
    if (Array.isArray(value)) {
      var items = value
        .map(function (item, i) {
          var inner = shown(item, field && (field.field || field));
          return inner === null ? null : h("li", { key: i }, inner);
        })
        .filter(Boolean);
      return items.length ? h("ul", null, items) : null;
    }
    if (typeof value === "object") return rows(value, (field && field.fields) || []);
    if (field && field.options) {
      var option = field.options.filter(function (o) {
        return o && typeof o === "object" && o.value === value;
      })[0];
      if (option) return option.label;
    }
    if (typeof value === "boolean") return value ? "Có" : "Không";
    if (field && field.widget === "tien" && typeof value === "number") return window.congkhaiMoneyShown(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return showDay(value);
    return String(value);
  }
  function rows(data, fields) {
    var known = fields.map(function (f) {
      return f.name;
    });
    var names = known.concat(
      Object.keys(data).filter(function (k) {
        return known.indexOf(k) < 0;
      }),
    );
    var cells = [];
    names.forEach(function (name) {
      var field = fields.filter(function (f) {
        return f.name === name;
      })[0];
      var inner = shown(data[name], field);
      if (inner === null) return;
      cells.push(h("dt", { key: name + "-t" }, h("strong", null, field ? field.label : name)));
      cells.push(h("dd", { key: name + "-d" }, inner));
    });
    return cells.length ? h("dl", null, cells) : null;
  }
  function preview(collection) {
    return function (props) {
      var data = props.entry.get("data").toJS();
      var fields = props.fields.toJS();
      var rules = R.collections[collection] || {};
      var title = (rules.title || []).map(function (k) {
        return data[k];
      }).filter(Boolean).join(" — ");
      return h(
        "div",
        { className: "md-main" },
        h(
          "article",
          { className: "md-content__inner md-typeset" },
          h("h1", null, title || (rules.noun ? rules.noun.charAt(0).toUpperCase() + rules.noun.slice(1) + " mới" : "")),
          rows(data, fields),
        ),
      );
    };
  }
  Object.keys(R.collections).forEach(function (name) {
    CMS.registerPreviewTemplate(name, preview(name));
  });

  // started once the page has loaded: after cms/vi.js (loaded first) has registered the Vietnamese
  // locale and the date widget on the same event
  document.addEventListener("DOMContentLoaded", function () {
    CMS.init();
  });
})();

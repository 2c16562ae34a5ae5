//! JSON read as Dialogporten's ASP.NET host reads request bodies (System.Text.Json with the web
//! defaults): member names match case-insensitively, and of two that differ only in case the later
//! wins; numbers may come as strings; unknown members are ignored; enum names match
//! case-insensitively (the enums' own parsing, `enums.rs`). The DTOs stay plain serde types: this
//! deserializer bends the document to them, and errors name the JSON path (`$.guiActions[0].url`).

use std::{collections::HashMap, fmt};

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

pub use crate::property_names::{INTEGER_PROPERTIES, PROPERTY_NAMES};

/// Why a body could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The JSON path below the root, such as `.guiActions[0].url` (empty at the root).
    path: String,
    pub message: String,
}

impl JsonError {
    /// `$` followed by the path: the key ASP.NET gives a body it cannot bind.
    pub fn path(&self) -> String {
        format!("${}", self.path)
    }

    fn within(mut self, segment: fmt::Arguments<'_>) -> Self {
        self.path.insert_str(0, &segment.to_string());
        self
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at {})", self.message, self.path())
    }
}

impl std::error::Error for JsonError {}

impl de::Error for JsonError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self { path: String::new(), message: msg.to_string() }
    }
}

/// Reads `T` from a JSON body the way the ASP.NET host would.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    let doc: Node = serde_json::from_slice(bytes).map_err(|e| JsonError { path: String::new(), message: e.to_string() })?;
    T::deserialize(Lenient { node: &doc, number: false })
}

/// As [`from_slice`], from a document already parsed (member order is then serde_json's).
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, JsonError> {
    let doc = Node::from(value);
    T::deserialize(Lenient { node: &doc, number: false })
}

/// The contract's spelling of a member name, when it is one (any case); else the name as given.
pub fn canonical_name(name: &str) -> &str {
    PROPERTY_NAMES.iter().copied().find(|n| n.eq_ignore_ascii_case(name)).unwrap_or(name)
}

/// A JSON Pointer (`/GuiActions/0/URL`) with every segment that names a contract property spelled
/// as the contract spells it (`/guiActions/0/url`).
pub fn canonical_pointer(pointer: &str) -> String {
    pointer.split('/').map(canonical_name).collect::<Vec<_>>().join("/")
}

/// A JSON document that keeps members in document order (serde_json's map sorts them, which
/// would lose which of two spellings came last).
enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl From<&serde_json::Value> for Node {
    fn from(v: &serde_json::Value) -> Self {
        use serde_json::Value as V;
        match v {
            V::Null => Node::Null,
            V::Bool(b) => Node::Bool(*b),
            V::Number(n) => Node::Number(n.clone()),
            V::String(s) => Node::String(s.clone()),
            V::Array(a) => Node::Array(a.iter().map(Node::from).collect()),
            V::Object(o) => Node::Object(o.iter().map(|(k, v)| (k.clone(), Node::from(v))).collect()),
        }
    }
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                <Node as de::Deserialize>::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
                Ok(Node::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
                Ok(Node::Number(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
                Ok(Node::Number(n.into()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Node, E> {
                serde_json::Number::from_f64(n).map(Node::Number).ok_or_else(|| E::custom("not a finite number"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Node, E> {
                Ok(Node::String(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Node, E> {
                Ok(Node::String(s))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut members = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Node>()? {
                    members.push((k, v));
                }
                Ok(Node::Object(members))
            }
        }
        d.deserialize_any(V)
    }
}

/// One node being read. `number`: the member is an integer property of the contract, so a string
/// holding a number is read as that number even where the target type is unknown.
struct Lenient<'a> {
    node: &'a Node,
    number: bool,
}

/// A number sent as a string, as ASP.NET's `AllowReadingFromString` accepts it.
fn number_in(s: &str) -> Option<serde_json::Number> {
    if let Ok(n) = s.parse::<i64>() {
        return Some(n.into());
    }
    if let Ok(n) = s.parse::<u64>() {
        return Some(n.into());
    }
    // Finite decimals only: "NaN" and "Infinity" are not numbers to the host either.
    s.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite() && s.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)))
        .and_then(serde_json::Number::from_f64)
}

fn visit_number<'de, V: Visitor<'de>>(n: &serde_json::Number, v: V) -> Result<V::Value, JsonError> {
    if let Some(u) = n.as_u64() {
        v.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        v.visit_i64(i)
    } else {
        v.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

macro_rules! number_from_string {
    ($($method:ident),+) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, JsonError> {
            match self.node {
                Node::String(s) => match number_in(s) {
                    Some(n) => visit_number(&n, v),
                    None => Err(de::Error::invalid_type(de::Unexpected::Str(s), &v)),
                },
                _ => self.deserialize_any(v),
            }
        }
    )+};
}

impl<'de> de::Deserializer<'de> for Lenient<'de> {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, JsonError> {
        match self.node {
            Node::Null => v.visit_unit(),
            Node::Bool(b) => v.visit_bool(*b),
            Node::Number(n) => visit_number(n, v),
            // An integer property holding text that is no number is refused here, where the path
            // is still known (below a flattened DTO serde would report it without one).
            Node::String(s) if self.number => match number_in(s) {
                Some(n) => visit_number(&n, v),
                None => Err(de::Error::invalid_type(de::Unexpected::Str(s), &"an integer")),
            },
            Node::String(s) => v.visit_borrowed_str(s),
            Node::Array(items) => v.visit_seq(Items { iter: items.iter().enumerate() }),
            Node::Object(members) => v.visit_map(Members::new(members, &[])),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], v: V) -> Result<V::Value, JsonError> {
        match self.node {
            Node::Object(members) => v.visit_map(Members::new(members, fields)),
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, JsonError> {
        match self.node {
            Node::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, JsonError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _: &'static str, variants: &'static [&'static str], v: V) -> Result<V::Value, JsonError> {
        match self.node {
            Node::String(s) => {
                let name = variants.iter().copied().find(|n| n.eq_ignore_ascii_case(s)).unwrap_or(s);
                v.visit_enum(name.into_deserializer())
            }
            Node::Object(members) if members.len() == 1 => {
                let (name, value) = &members[0];
                let name = variants.iter().copied().find(|n| n.eq_ignore_ascii_case(name)).unwrap_or(name);
                v.visit_enum(Variant { name, value })
            }
            _ => self.deserialize_any(v),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, JsonError> {
        v.visit_unit()
    }

    number_from_string!(
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64
    );

    serde::forward_to_deserialize_any! {
        bool char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

struct Items<'a> {
    iter: std::iter::Enumerate<std::slice::Iter<'a, Node>>,
}

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = JsonError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, JsonError> {
        match self.iter.next() {
            None => Ok(None),
            Some((i, node)) => seed.deserialize(Lenient { node, number: false }).map(Some).map_err(|e| e.within(format_args!("[{i}]"))),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An object's members under their expected names, each name once (the last spelling wins).
struct Members<'a> {
    iter: std::vec::IntoIter<(&'a str, &'a Node)>,
    value: Option<(&'a str, &'a Node)>,
}

impl<'a> Members<'a> {
    /// `fields`: the names the target struct expects (empty when serde does not say).
    fn new(members: &'a [(String, Node)], fields: &'static [&'static str]) -> Self {
        let mut out: Vec<(&'a str, &'a Node)> = Vec::with_capacity(members.len());
        let mut index: HashMap<&'a str, usize> = HashMap::with_capacity(members.len());
        for (name, node) in members {
            let name = fields.iter().copied().find(|f| f.eq_ignore_ascii_case(name)).unwrap_or_else(|| canonical_name(name));
            match index.get(name) {
                Some(&i) => out[i].1 = node,
                None => {
                    index.insert(name, out.len());
                    out.push((name, node));
                }
            }
        }
        Self { iter: out.into_iter(), value: None }
    }
}

impl<'de> de::MapAccess<'de> for Members<'de> {
    type Error = JsonError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, JsonError> {
        match self.iter.next() {
            None => Ok(None),
            Some((name, node)) => {
                let key = seed.deserialize(de::value::BorrowedStrDeserializer::<JsonError>::new(name))?;
                self.value = Some((name, node));
                Ok(Some(key))
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, JsonError> {
        let (name, node) = self.value.take().ok_or_else(|| <JsonError as de::Error>::custom("a value without its name"))?;
        let number = INTEGER_PROPERTIES.contains(&name);
        seed.deserialize(Lenient { node, number }).map_err(|e| e.within(format_args!(".{name}")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum written as `{"Variant": value}`.
struct Variant<'a> {
    name: &'a str,
    value: &'a Node,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = JsonError;
    type Variant = Lenient<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Lenient<'de>), JsonError> {
        let name = seed.deserialize(de::value::BorrowedStrDeserializer::<JsonError>::new(self.name))?;
        Ok((name, Lenient { node: self.value, number: false }))
    }
}

impl<'de> de::VariantAccess<'de> for Lenient<'de> {
    type Error = JsonError;

    fn unit_variant(self) -> Result<(), JsonError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, JsonError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, JsonError> {
        de::Deserializer::deserialize_seq(self, v)
    }

    fn struct_variant<V: Visitor<'de>>(self, fields: &'static [&'static str], v: V) -> Result<V::Value, JsonError> {
        de::Deserializer::deserialize_struct(self, "", fields, v)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::{serviceowner::CreateDialog, DialogStatus};

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        media_type: String,
        weight: Option<u32>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Outer {
        status: DialogStatus,
        progress: u8,
        items: Vec<Inner>,
    }

    #[test]
    fn names_in_any_case_the_later_spelling_winning() {
        let o: Outer =
            from_slice(br#"{"STATUS":"completed","Progress":"40","progress":50,"Items":[{"MEDIATYPE":"a","Weight":"3"}],"unknown":1}"#)
                .unwrap();
        assert_eq!(
            o,
            Outer { status: DialogStatus::Completed, progress: 50, items: vec![Inner { media_type: "a".into(), weight: Some(3) }] }
        );
        let o: Outer = from_slice(br#"{"status":"Draft","progress":50,"Progress":"7","items":[]}"#).unwrap();
        assert_eq!(o.progress, 7);
    }

    #[test]
    fn errors_name_the_path() {
        let e = from_slice::<Outer>(br#"{"status":"Draft","progress":50,"items":[{"mediaType":1}]}"#).unwrap_err();
        assert_eq!(e.path(), "$.items[0].mediaType");
        let e = from_slice::<Outer>(br#"{"status":"Draft","progress":"fifty","items":[]}"#).unwrap_err();
        assert_eq!(e.path(), "$.progress");
        assert!(from_slice::<Outer>(b"{").unwrap_err().message.contains("EOF"));
    }

    /// Below `#[serde(flatten)]` serde buffers the members without naming its fields; the
    /// contract's property list and integer list still apply there.
    #[test]
    fn flattened_dtos_read_leniently_too() {
        let body = br#"{"ServiceResource":"urn:altinn:resource:x","PARTY":"urn:altinn:organization:identifier-no:991825827",
            "Status":"inprogress","Progress":"25","Content":{"Title":{"Value":[{"Value":"Hei","LanguageCode":"nb"}]}},
            "GuiActions":[{"Action":"read","Url":"https://x.no","Priority":"primary","Title":[{"value":"Open","languageCode":"en"}]}]}"#;
        let d: CreateDialog = from_slice(body).unwrap();
        assert_eq!(d.changes.progress, Some(25));
        assert_eq!(d.changes.status, Some(crate::serviceowner::DialogStatusInput::InProgress));
        assert_eq!(d.changes.gui_actions.len(), 1);
        assert_eq!(d.changes.gui_actions[0].url, "https://x.no");
        assert_eq!(d.party, "urn:altinn:organization:identifier-no:991825827");
    }

    #[test]
    fn pointers_take_the_contract_spelling() {
        assert_eq!(canonical_pointer("/GuiActions/0/URL"), "/guiActions/0/url");
        assert_eq!(canonical_pointer("/content/title/value/-"), "/content/title/value/-");
    }
}

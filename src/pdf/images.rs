//! Photos as image XObjects: JPEGs byte for byte, other photos as
//! losslessly compressed samples with an optional soft mask.

use crate::layout::{Document, Item};
use crate::model::{Photo, PhotoData};
use printpdf::{DictItem, ExternalStream, ExternalXObject, XObjectId};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The image XObjects of a document, each photo once.
pub struct Images {
    /// Keyed by the photo's address: one `Arc<Photo>` per file, shared by all
    /// its uses. Ids are numbered in order of first use, so output does not
    /// depend on addresses.
    ids: HashMap<*const Photo, XObjectId>,
    pub objects: Vec<(XObjectId, ExternalXObject)>,
    /// Alpha channels to attach as soft masks after serialization.
    pub masks: BTreeMap<String, (u32, u32, Vec<u8>)>,
}

impl Images {
    pub fn collect(doc: &Document) -> Images {
        let mut images = Images {
            ids: HashMap::new(),
            objects: Vec::new(),
            masks: BTreeMap::new(),
        };
        for page in &doc.pages {
            for item in &page.items {
                if let Item::Image { photo, .. } = item {
                    images.add(photo);
                }
            }
        }
        images
    }

    fn add(&mut self, photo: &Arc<Photo>) {
        let key = Arc::as_ptr(photo);
        if self.ids.contains_key(&key) {
            return;
        }
        let id = XObjectId(format!("Im{}", self.objects.len()));
        let (object, mask) = xobject(photo);
        if let Some(alpha) = mask {
            self.masks
                .insert(id.0.clone(), (photo.width, photo.height, alpha));
        }
        self.ids.insert(key, id.clone());
        self.objects.push((id, object));
    }

    pub fn id(&self, photo: &Arc<Photo>) -> &XObjectId {
        &self.ids[&Arc::as_ptr(photo)]
    }
}

fn name(s: &str) -> DictItem {
    DictItem::Name(s.as_bytes().to_vec())
}

fn colour_space(components: u8) -> DictItem {
    name(match components {
        1 => "DeviceGray",
        4 => "DeviceCMYK",
        _ => "DeviceRGB",
    })
}

fn xobject(photo: &Photo) -> (ExternalXObject, Option<Vec<u8>>) {
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    dict.insert("Width".to_string(), DictItem::Int(i64::from(photo.width)));
    dict.insert("Height".to_string(), DictItem::Int(i64::from(photo.height)));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    let (content, compress, mask) = match &photo.data {
        PhotoData::Jpeg {
            bytes,
            components,
            inverted_cmyk,
        } => {
            dict.insert("ColorSpace".to_string(), colour_space(*components));
            dict.insert("Filter".to_string(), name("DCTDecode"));
            if *inverted_cmyk {
                let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
                dict.insert("Decode".to_string(), DictItem::Array(decode));
            }
            (bytes.clone(), false, None)
        }
        PhotoData::Raw {
            components,
            samples,
            alpha,
        } => {
            dict.insert("ColorSpace".to_string(), colour_space(*components));
            (samples.clone(), true, alpha.clone())
        }
    };
    (
        ExternalXObject {
            stream: ExternalStream {
                dict,
                content,
                compress,
            },
            width: None,
            height: None,
            dpi: None,
        },
        mask,
    )
}

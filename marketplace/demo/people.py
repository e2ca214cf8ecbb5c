"""Who takes part in the demo order history, and what they say: buyers with their
addresses, the people who staff the companies and run the enterprises, review texts and
cancellation reasons.

Plain data, read by ``marketplace.demo.plan`` and ``marketplace.demo.history``. Address
codes are real DOPA subdistrict codes with one of their postal codes (the tests check
them against geothai). Phone numbers are in a made-up block (``080-000-2xxx``). Every
account of the history shares one public password: never load the demo into a
production database.
"""

from __future__ import annotations

import dataclasses

HISTORY_PASSWORD = "otop-history-demo"
EMAIL_DOMAIN = "demo.otop.test"


@dataclasses.dataclass(frozen=True)
class Address:
    name: str
    line1: str
    subdistrict_code: str
    postal_code: str

    @property
    def province_code(self) -> str:
        return self.subdistrict_code[:2]


@dataclasses.dataclass(frozen=True)
class Buyer:
    email: str
    name: str
    phone: str
    home: Address
    weight: float  # how often they order, relative to the others
    language: str = "th"


def _buyer(number: int, name: str, line1: str, subdistrict_code: str, postal_code: str, weight: float,
           language: str = "th") -> Buyer:
    return Buyer(email=f"buyer{number}@{EMAIL_DOMAIN}", name=name, phone=f"08000020{number:02d}",
                 home=Address(name, line1, subdistrict_code, postal_code), weight=weight, language=language)


# The demo consumer of the catalogue seed orders too, so that the account people try first has orders.
DEMO_CONSUMER_EMAIL = "consumer@demo.otop.test"
DEMO_CONSUMER_HOME = Address("สมศรี ใจดี", "99/12 หมู่ 4 ถนนเชียงใหม่-ลำพูน", "500101", "50200")

BUYERS: tuple[Buyer, ...] = (
    _buyer(1, "กมลวรรณ ศรีสุข", "45/7 ซอยพหลโยธิน 48 ถนนพหลโยธิน", "100502", "10220", 3.0),
    _buyer(2, "ธนพล วงศ์ใหญ่", "1020 อาคารชุดลุมพินี ถนนพระราม 4", "100701", "10330", 2.0),
    _buyer(3, "ปิยะนุช แก้วมณี", "88/15 ซอยนนทรี 14 ถนนนนทรี", "101203", "10120", 2.5),
    _buyer(4, "สุรชัย มั่นคง", "12 ซอยเพชรเกษม 81", "102302", "10160", 1.0),
    _buyer(5, "อรทัย บุญประเสริฐ", "234/5 ถนนพหลโยธิน ลาดยาว", "103001", "10900", 2.0),
    _buyer(6, "Emily Carter", "77/3 ซอยรามอินทรา 109", "104301", "10230", 1.0, "en"),
    _buyer(7, "วิไลวรรณ ทองดี", "59/210 หมู่บ้านพฤกษา ถนนรัตนาธิเบศร์", "120101", "11000", 2.0),
    _buyer(8, "ณัฐวุฒิ จันทร์แก้ว", "101/4 หมู่ 2 ถนนปทุมธานี-ลาดหลุมแก้ว", "130101", "12000", 1.5),
    _buyer(9, "ศิริพร อินทร์แก้ว", "33 หมู่ 6 ถนนบางนา-ตราด", "110201", "10560", 1.0),
    _buyer(10, "ประเสริฐ ชัยมงคล", "210 ถนนหน้าเมือง", "400101", "40000", 1.5),
    _buyer(11, "จันทร์เพ็ญ พลอยงาม", "18/2 ถนนจอมพล", "300101", "30000", 1.5),
    _buyer(12, "อนุชา ภูมิสวัสดิ์", "7 ถนนโพศรี", "410101", "41000", 1.0),
    _buyer(13, "David Lee", "25 ถนนถลาง", "830101", "83000", 1.0, "en"),
    _buyer(14, "นูรียะห์ หะยีสะมะแอ", "140 ถนนนิพัทธ์อุทิศ 3", "901101", "90110", 1.5),
    _buyer(15, "ชลธิชา ทะเลงาม", "55/9 ถนนพระยาสัจจา", "200101", "20000", 1.5),
    _buyer(16, "วีระพงษ์ สายทอง", "9 ถนนสุขุมวิท ท่าประดู่", "210101", "21000", 1.0),
    _buyer(17, "รัตนา เพชรรัตน์", "61 ถนนราชวิถี", "730101", "73000", 1.0),
    _buyer(18, "พงศกร อยุธยา", "3/1 ถนนอู่ทอง", "140101", "13000", 1.0),
    _buyer(19, "มาลี สองแคว", "145 ถนนบรมไตรโลกนาถ", "650101", "65000", 1.0),
    _buyer(20, "บุญเรือน สีดา", "22 ถนนพรหมราช", "340101", "34000", 1.0),
    _buyer(21, "สมพงษ์ ทองคำเปลว", "8/8 ถนนตลาดใหม่", "840101", "84000", 1.0),
    _buyer(22, "ดารุณี ศรีธรรมราช", "400 ถนนราชดำเนิน", "800101", "80000", 1.0),
    _buyer(23, "ภานุวัฒน์ ดอยคำ", "12 ถนนบรรพปราการ", "570101", "57000", 1.0),
    _buyer(24, "ลำดวน บางปะกง", "31 ถนนมรุพงษ์", "240101", "24000", 1.0),
)
DEMO_CONSUMER_WEIGHT = 2.0

# Where gifts go: family and friends in other provinces.
GIFT_ADDRESSES: tuple[Address, ...] = (
    Address("คุณแม่สมใจ ศรีสุข", "5 หมู่ 3 ถนนท่าราบ", "760101", "76000"),
    Address("คุณยายบัวผัน กาฬสินธุ์", "17 หมู่ 1 ถนนกาฬสินธุ์", "460101", "46000"),
    Address("ครูสมบัติ จันทบูร", "44 ถนนตลาดจันทบุรี", "220101", "22000"),
    Address("คุณพ่อประยูร ทับเที่ยง", "90 ถนนวิเศษกุล", "920101", "92000"),
    Address("คุณป้าสำรวย ลพบุรี", "2 ถนนนารายณ์มหาราช", "160101", "15000"),
    Address("น้องฟ้า วงศ์ใหญ่", "301 ถนนห้วยแก้ว", "500101", "50200"),
    Address("คุณอาวิชัย มั่นคง", "27 ถนนมิตรภาพ", "400101", "40000"),
    Address("พี่หนิง ชายทะเล", "18 ถนนเทพกระษัตรี", "830101", "83000"),
)

COMPANY_STAFF_NAMES: tuple[str, ...] = (
    "อัญชลี รักษ์ถิ่น", "ชัยวัฒน์ ใจซื่อ", "สุภาพร มีสุข", "ธีรวัฒน์ แสงทอง", "นงลักษณ์ ศรีวงศ์", "ปรีชา บุญมา",
    "วรรณา คำแสน", "สมศักดิ์ พรหมมา", "จิราพร ทองสุข", "เกรียงไกร ชัยชนะ", "พรทิพย์ สุขใจ", "อำนาจ ดวงดี",
    "ศศิธร เพ็ชรงาม", "ประยุทธ สมบูรณ์", "รุ่งนภา แก้วใส", "สุเมธ นาคสวัสดิ์", "กาญจนา บุญเรือง", "วิทยา ศรีสมร",
    "อุไรวรรณ จันทร์หอม", "ณรงค์ มณีรัตน์",
)
PRODUCER_NAMES: tuple[str, ...] = (
    "แม่คำปุน", "พ่อหลวงสมบูรณ์", "ป้าบัวไข", "ลุงเสาร์", "แม่ทองใบ", "พี่สมหญิง", "ป้าแสงเดือน", "ลุงบุญส่ง",
    "แม่ประนอม", "พ่อใหญ่คำมี", "ป้าจำปี", "ลุงสมาน", "แม่ละเอียด", "พี่อารีย์", "ป้าสายทอง", "ลุงเฉลิม",
)

# --- what people write --------------------------------------------------------------------------------

PRODUCT_PRAISE: tuple[str, ...] = (
    "ของดีมาก คุณภาพเกินราคา จะสั่งอีกแน่นอน",
    "ห่อมาอย่างดี สินค้าตรงปก ชอบมากค่ะ",
    "ซื้อไปฝากคุณแม่ ท่านชอบมาก",
    "รสชาติอร่อย หอม สดใหม่",
    "งานฝีมือละเอียดมาก สวยกว่าในรูป",
    "ได้ช่วยชุมชนด้วย ของก็ดี ประทับใจครับ",
    "Lovely quality, you can tell it is handmade.",
    "สั่งครั้งที่สามแล้ว คุณภาพสม่ำเสมอ",
)
PRODUCT_MIXED: tuple[str, ...] = (
    "โดยรวมโอเค แต่ขนาดเล็กกว่าที่คิด",
    "สีไม่ตรงกับในรูปนิดหน่อย แต่ก็ใช้ได้",
    "รสชาติหวานไปหน่อยสำหรับเรา",
)
PRODUCT_COMPLAINT: tuple[str, ...] = (
    "สินค้ามีตำหนิเล็กน้อย ผิดหวังนิดหน่อย",
    "บรรจุภัณฑ์บุบมา ของข้างในพอใช้ได้",
)
SERVICE_PRAISE: tuple[str, ...] = (
    "จัดส่งเร็ว แพ็กของดีมาก",
    "บริษัทประสานงานดี แจ้งเลขพัสดุทันที",
    "ได้ของภายในสามวัน ประทับใจ",
)
SERVICE_COMPLAINT: tuple[str, ...] = (
    "รอนานกว่าที่คิด กว่าจะได้จัดส่ง",
    "ส่งช้าไปหลายวัน แต่ของมาครบ",
)
TOUR_PRAISE: tuple[str, ...] = (
    "ชาวบ้านน่ารัก อบอุ่นมาก ได้เรียนรู้เยอะ",
    "ไกด์ชุมชนเล่าเรื่องสนุก อาหารอร่อย",
    "ประสบการณ์ดีมาก พาครอบครัวมาอีกแน่นอน",
    "A real highlight of our trip, warm and welcoming hosts.",
)

COMPANY_CANCEL_NEW: tuple[str, ...] = (
    "ผู้ผลิตแจ้งว่าสินค้าหมด ไม่สามารถจัดส่งได้ภายในกำหนด",
    "ที่อยู่จัดส่งไม่ครบถ้วนและติดต่อผู้ซื้อไม่ได้",
    "สินค้าล็อตนี้ไม่ผ่านการตรวจคุณภาพของบริษัท",
)
COMPANY_CANCEL_ACCEPTED: tuple[str, ...] = (
    "สินค้าเสียหายระหว่างรับจากผู้ผลิต",
    "ผู้ผลิตผลิตไม่ทันตามกำหนดส่ง ขออภัยในความไม่สะดวก",
)
COMPANY_CANCEL_TOUR: tuple[str, ...] = (
    "ฝนตกหนัก ชุมชนงดกิจกรรมในวันดังกล่าวเพื่อความปลอดภัย",
    "ผู้นำเที่ยวของชุมชนติดงานบุญประจำหมู่บ้าน ขอเลื่อนการต้อนรับ",
)
BUYER_CANCEL: tuple[str | None, ...] = (
    "สั่งซ้ำโดยไม่ได้ตั้งใจ",
    "เปลี่ยนใจ ขอสั่งใหม่ภายหลัง",
    "ต้องการเปลี่ยนที่อยู่จัดส่ง",
    None,
)

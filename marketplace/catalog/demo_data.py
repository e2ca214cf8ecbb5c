"""The demo catalogue: community enterprises, their products and community-based tours.

Plain data, read by ``marketplace.catalog.seed``. Province, district and subdistrict
codes are real DOPA codes (checked against geothai when this file was written, and by
the seed tests). Registration numbers follow the community-enterprise format
``5-<province>-<district>-<subdistrict>/1-<sequence>``. Prices are integer satang (a
tour's price is per person). PromptPay ids are 10-digit mobile numbers in a block
(``080-000-01xx``) chosen to be obviously made up; they are demo data, not accounts.

Enterprises, products and tours are fictional but modelled on real OTOP crafts of
those places. Product titles are distinct (the seed looks listings up by enterprise
and Thai title).
"""

from __future__ import annotations

import dataclasses

FOOD = "food"
BEVERAGES = "beverages"
TEXTILES = "textiles"
SOUVENIRS = "souvenirs"
HERBAL = "herbal"


@dataclasses.dataclass(frozen=True)
class DemoEnterprise:
    key: str
    name_th: str
    name_en: str
    registration_no: str
    province_code: str
    district_code: str
    subdistrict_code: str
    otop_stars: int | None
    description_th: str
    description_en: str
    promptpay_id: str


@dataclasses.dataclass(frozen=True)
class DemoProduct:
    enterprise: str
    category: str
    title_th: str
    title_en: str
    price_satang: int
    description_th: str
    description_en: str
    stock: int = 40


@dataclasses.dataclass(frozen=True)
class DemoTour:
    enterprise: str
    title_th: str
    title_en: str
    price_satang: int
    duration_hours: int
    max_group: int
    meeting_point: str
    description_th: str
    description_en: str


def _add(key: str, subdistrict_code: str, sequence: int, stars: int | None, name_th: str, name_en: str,
         description_th: str, description_en: str) -> DemoEnterprise:
    province_code, district_code = subdistrict_code[:2], subdistrict_code[:4]
    return DemoEnterprise(
        key=key,
        name_th=name_th,
        name_en=name_en,
        registration_no=f"5-{province_code}-{district_code[2:]}-{subdistrict_code[4:]}/1-{sequence:04d}",
        province_code=province_code,
        district_code=district_code,
        subdistrict_code=subdistrict_code,
        otop_stars=stars,
        description_th=description_th,
        description_en=description_en,
        promptpay_id="",
    )


_ENTERPRISES: tuple[DemoEnterprise, ...] = (
    # ภาคเหนือ — North
    _add("bosang", "501312", 7, 5,
         "วิสาหกิจชุมชนกลุ่มร่มกระดาษบ่อสร้าง", "Bo Sang Paper Umbrella Community Enterprise",
         "ช่างทำร่มบ้านบ่อสร้างสืบทอดการทำร่มกระดาษสาและร่มผ้าฝ้ายด้วยมือมากว่าร้อยปี "
         "ตั้งแต่เหลาซี่ร่มไม้ไผ่ ขึงกระดาษสา จนถึงเขียนลายดอกไม้ด้วยพู่กัน",
         "The umbrella makers of Bo Sang have built saa-paper and cotton umbrellas by hand for over a "
         "century, from splitting the bamboo ribs to painting the flowers with a brush."),
    _add("maekampong", "502304", 3, 4,
         "วิสาหกิจชุมชนท่องเที่ยวบ้านแม่กำปอง", "Ban Mae Kampong Community Tourism Enterprise",
         "หมู่บ้านกลางป่าเขาที่อยู่กับสวนชาเมี่ยงและกาแฟใต้ร่มไม้ ชาวบ้านร่วมกันดูแลโฮมสเตย์ "
         "ไฟฟ้าพลังน้ำ และผลิตภัณฑ์จากชาและกาแฟของชุมชน",
         "A forest village living from miang tea and shade-grown coffee. Villagers run the homestays, "
         "their own micro-hydro power and the community's tea and coffee products together."),
    _add("tawai", "501505", 12, 5,
         "วิสาหกิจชุมชนกลุ่มหัตถกรรมไม้แกะสลักบ้านถวาย", "Ban Tawai Woodcarving Community Enterprise",
         "ช่างแกะสลักบ้านถวายใช้ไม้สักเก่าและไม้มะม่วงจากสวนในชุมชน แกะสลักช้าง ถาด "
         "และกรอบกระจกด้วยสิ่วทีละชิ้น",
         "Ban Tawai carvers work reclaimed teak and mango wood from village orchards into elephants, "
         "trays and mirror frames, one chisel cut at a time."),
    _add("buakkhang", "501304", 5, 4,
         "วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านบวกค้าง", "Ban Buak Khang Silk Weavers Community Enterprise",
         "กลุ่มแม่บ้านในอำเภอสันกำแพงที่เลี้ยงไหม สาวไหม และทอผ้าไหมยกดอกด้วยกี่พื้นเมือง "
         "ย้อมสีจากเปลือกไม้และดอกไม้ในท้องถิ่น",
         "Women of San Kamphaeng who raise silkworms, reel the thread and weave brocade silk on "
         "traditional looms, dyed with local bark and flowers."),
    _add("maesalong", "571503", 21, 5,
         "วิสาหกิจชุมชนกลุ่มชาอูหลงดอยแม่สลอง", "Doi Mae Salong Oolong Tea Community Enterprise",
         "เกษตรกรบนดอยแม่สลองปลูกชาอูหลงที่ความสูงกว่าพันสองร้อยเมตร เก็บยอดชาด้วยมือ "
         "และคั่วชาในโรงงานเล็กของกลุ่ม",
         "Farmers on Doi Mae Salong grow oolong above 1,200 metres, pluck the buds by hand and roll "
         "and roast the tea in the group's small factory."),
    _add("nongbua", "550602", 4, 4,
         "วิสาหกิจชุมชนกลุ่มทอผ้าลายน้ำไหลบ้านหนองบัว", "Ban Nong Bua Nam Lai Weaving Community Enterprise",
         "ชาวไทลื้อบ้านหนองบัวทอผ้าลายน้ำไหลที่เลียนแบบสายน้ำน่าน ด้วยเทคนิคเกาะล้วง "
         "ที่สืบทอดจากแม่สู่ลูก",
         "The Tai Lue of Ban Nong Bua weave the 'flowing water' pattern of the Nan river with a "
         "tapestry technique handed down from mother to daughter."),
    _add("thunghong", "540105", 16, 4,
         "วิสาหกิจชุมชนกลุ่มผ้าหม้อห้อมบ้านทุ่งโฮ้ง", "Ban Thung Hong Mo Hom Indigo Community Enterprise",
         "ผ้าหม้อห้อมเมืองแพร่ย้อมจากต้นห้อมที่หมักในหม้อดิน ตัดเย็บเป็นเสื้อม่อฮ่อม "
         "เครื่องแต่งกายประจำถิ่นของชาวเหนือ",
         "Phrae's mo hom cloth is dyed with indigo fermented in clay pots and tailored into the "
         "indigo shirts that are the everyday dress of the north."),
    _add("hatsiao", "640501", 9, 5,
         "วิสาหกิจชุมชนกลุ่มทอผ้าซิ่นตีนจกหาดเสี้ยว", "Hat Siao Tin Chok Weaving Community Enterprise",
         "ชาวไทพวนหาดเสี้ยวทอผ้าซิ่นตีนจกด้วยการจกเส้นไหมทีละเส้น ผืนหนึ่งใช้เวลาหลายเดือน "
         "ลวดลายสืบทอดจากบรรพบุรุษ",
         "The Tai Phuan of Hat Siao pick every supplementary thread of a tin chok hem by hand; one "
         "sarong takes months, in patterns inherited from their grandmothers."),
    _add("laplae", "530804", 11, 3,
         "วิสาหกิจชุมชนกลุ่มแปรรูปผลไม้ลับแล", "Laplae Fruit Processing Community Enterprise",
         "ชาวสวนลับแลแปรรูปลางสาดและทุเรียนหลงลับแลจากสวนบนเขา "
         "และทำหมี่พันกับข้าวแคบตามสูตรดั้งเดิมของเมืองลับแล",
         "Laplae orchard families preserve the langsat and Long Laplae durian of their hillside "
         "gardens and make mee phan noodles and khao khaep crisps the old Laplae way."),
    # ภาคตะวันออกเฉียงเหนือ — Northeast
    _add("chonnabot", "401801", 2, 5,
         "วิสาหกิจชุมชนกลุ่มทอผ้าไหมมัดหมี่ชนบท", "Chonnabot Mudmee Silk Weavers Community Enterprise",
         "อำเภอชนบทเป็นแหล่งผ้าไหมมัดหมี่ที่มีชื่อเสียงของขอนแก่น กลุ่มทอผ้าเลี้ยงไหมเอง "
         "มัดหมี่ ย้อมสี และทอด้วยกี่มือ",
         "Chonnabot is Khon Kaen's famous mudmee silk district. The group raises its own silkworms, "
         "ties and dyes the threads and weaves on hand looms."),
    _add("thasawang", "320105", 1, 5,
         "วิสาหกิจชุมชนกลุ่มทอผ้าไหมยกทองบ้านท่าสว่าง",
         "Ban Tha Sawang Gold Brocade Silk Community Enterprise",
         "ช่างทอบ้านท่าสว่างฟื้นฟูผ้าไหมยกทองแบบราชสำนัก ใช้ตะกอนับร้อยและช่างทอหลายคน "
         "ต่อกี่หนึ่งหลัง",
         "Ban Tha Sawang weavers revived court-style gold brocade silk, with hundreds of heddles and "
         "several weavers working one loom together."),
    _add("chernchum", "470101", 8, 4,
         "วิสาหกิจชุมชนกลุ่มผ้าย้อมครามธาตุเชิงชุม", "That Choeng Chum Indigo Dyeing Community Enterprise",
         "กลุ่มย้อมครามสกลนครปลูกต้นครามเอง หมักน้ำครามตามภูมิปัญญา "
         "และย้อมผ้าฝ้ายทอมือจนได้สีน้ำเงินเข้มที่ไม่ตก",
         "Sakon Nakhon dyers grow their own indigo, ferment the dye vat the traditional way and dip "
         "handwoven cotton again and again for a deep, fast blue."),
    _add("phanna", "470401", 6, 3,
         "วิสาหกิจชุมชนกลุ่มสมุนไพรพรรณานิคม", "Phanna Nikhom Herbal Community Enterprise",
         "หมอพื้นบ้านและเกษตรกรในพรรณานิคมปลูกไพล ขมิ้นชัน และตะไคร้แบบอินทรีย์ "
         "แล้วแปรรูปเป็นยาหม่อง ลูกประคบ และน้ำมันนวด",
         "Folk healers and farmers in Phanna Nikhom grow phlai, turmeric and lemongrass organically "
         "and turn them into balms, herbal compresses and massage oils."),
    _add("nakha", "410116", 14, 4,
         "วิสาหกิจชุมชนกลุ่มทอผ้าขิดบ้านนาข่า", "Ban Na Kha Khit Weaving Community Enterprise",
         "ผ้าขิดบ้านนาข่าทอด้วยการเก็บขิดยกลายเรขาคณิต ใช้ทั้งเป็นผ้าและเย็บเป็นหมอนขิด "
         "ของใช้คู่บ้านชาวอีสาน",
         "Ban Na Kha's khit cloth is woven with a supplementary-weft lift of geometric motifs, sold "
         "by the length or sewn into the khit cushions of every Isan home."),
    _add("dankwian", "300710", 10, 5,
         "วิสาหกิจชุมชนกลุ่มเครื่องปั้นดินเผาด่านเกวียน", "Dan Kwian Pottery Community Enterprise",
         "ดินจากริมแม่น้ำมูลเผาด้วยเตาฟืนจนได้สีสนิมเหล็กอันเป็นเอกลักษณ์ของด่านเกวียน "
         "ปั้นเป็นแจกัน กระถาง และโคมไฟ",
         "Clay from the banks of the Mun river, wood-fired to Dan Kwian's signature rust colour and "
         "shaped into vases, planters and lamps."),
    _add("takhu", "301402", 3, 3,
         "วิสาหกิจชุมชนกลุ่มเกษตรกรทำนาตะคุ", "Takhu Rice Farmers Community Enterprise",
         "ชาวนาตำบลตะคุปลูกข้าวหอมมะลิและข้าวไรซ์เบอร์รี่แบบอินทรีย์ สีข้าวในโรงสีชุมชน "
         "และแปรรูปเป็นเครื่องดื่มและเครื่องสำอางจากข้าว",
         "Takhu farmers grow organic Hom Mali and Riceberry rice, mill it in the community mill and "
         "turn it into rice drinks and rice-based cosmetics."),
    _add("phon", "461002", 5, 5,
         "วิสาหกิจชุมชนกลุ่มทอผ้าไหมแพรวาบ้านโพน", "Ban Phon Phrae Wa Silk Community Enterprise",
         "ชาวผู้ไทบ้านโพนทอผ้าไหมแพรวา ราชินีแห่งไหมไทย ด้วยลวดลายขิดและจกหลากสีบนผืนเดียว",
         "The Phu Thai of Ban Phon weave phrae wa, the queen of Thai silks, combining many-coloured "
         "khit and chok motifs in a single cloth."),
    # ภาคกลาง — Central
    _add("kokret", "120608", 6, 4,
         "วิสาหกิจชุมชนกลุ่มเครื่องปั้นดินเผาเกาะเกร็ด", "Ko Kret Pottery Community Enterprise",
         "ชาวมอญเกาะเกร็ดปั้นเครื่องปั้นดินเผาแกะลายวิจิตร และทำขนมมอญสูตรดั้งเดิม "
         "บนเกาะกลางแม่น้ำเจ้าพระยา",
         "The Mon of Ko Kret, an island in the Chao Phraya, make finely carved terracotta and the "
         "traditional sweets of their community."),
    _add("aranyik", "140210", 4, 5,
         "วิสาหกิจชุมชนกลุ่มตีมีดอรัญญิก", "Aranyik Knife Smiths Community Enterprise",
         "ช่างตีมีดอรัญญิกสืบทอดการตีเหล็กกล้ามาตั้งแต่สมัยกรุงศรีอยุธยา ตีมีดด้วยมือ "
         "ชุบแข็ง และลับคมทีละเล่ม",
         "Aranyik smiths have forged steel since the Ayutthaya kingdom; every knife is hammered, "
         "hardened and sharpened by hand."),
    _add("bangsai", "140401", 13, 3,
         "วิสาหกิจชุมชนกลุ่มแม่บ้านเกษตรกรบางไทร", "Bang Sai Farm Housewives Community Enterprise",
         "กลุ่มแม่บ้านริมแม่น้ำเจ้าพระยาในอำเภอบางไทรทำน้ำพริกเผา กล้วยกรอบ "
         "และโรตีสายไหมจากวัตถุดิบในชุมชน",
         "Housewives on the Chao Phraya in Bang Sai make roasted chilli paste, banana crisps and roti "
         "sai mai from village produce."),
    _add("bangrakam", "150406", 2, None,
         "วิสาหกิจชุมชนกลุ่มจักสานผักตบชวาบางระกำ",
         "Bang Rakam Water Hyacinth Weaving Community Enterprise",
         "ผักตบชวาที่เคยอุดตันลำน้ำถูกเก็บมาตากแห้ง แล้วสานเป็นกระเป๋า ตะกร้า "
         "และแผ่นรองจาน สร้างรายได้ให้แม่บ้านหลังฤดูทำนา",
         "Water hyacinth that once choked the canals is dried and woven into bags, baskets and place "
         "mats, giving village women an income after the rice season."),
    # ภาคตะวันออก — East
    _add("bangsakao", "220606", 3, 4,
         "วิสาหกิจชุมชนกลุ่มทอเสื่อกกบางสระเก้า", "Bang Sa Kao Reed Mat Weavers Community Enterprise",
         "เสื่อกกจันทบูรทอจากต้นกกที่ปลูกในนาน้ำกร่อย ย้อมสีสด "
         "แล้วทอเป็นเสื่อ กระเป๋า และของใช้ในบ้าน",
         "Chanthaburi reed is grown in brackish paddies, dyed in bright colours and woven into mats, "
         "bags and things for the home."),
    _add("phlapphla", "220111", 9, 4,
         "วิสาหกิจชุมชนกลุ่มแปรรูปผลไม้พลับพลา", "Phlapphla Fruit Processing Community Enterprise",
         "ชาวสวนผลไม้จันทบุรีรวมกลุ่มแปรรูปทุเรียน มังคุด และสละในฤดูผลผลิตล้นตลาด "
         "พร้อมพริกไทยและกระวานจากสวนเดียวกัน",
         "Chanthaburi fruit growers preserve durian, mangosteen and salak when the harvest floods "
         "the market, with pepper and cardamom from the same orchards."),
    _add("banphe", "210105", 15, None,
         "วิสาหกิจชุมชนกลุ่มแม่บ้านประมงบ้านเพ", "Ban Phe Fisherwomen Community Enterprise",
         "แม่บ้านชาวประมงบ้านเพทำกะปิจากเคยสด น้ำปลาหมักในโอ่ง และอาหารทะเลแห้ง "
         "จากเรือประมงพื้นบ้านของครอบครัว",
         "The women of Ban Phe's fishing families make shrimp paste from fresh krill, jar-fermented "
         "fish sauce and dried seafood from their own small boats."),
    _add("namchiao", "230502", 1, 4,
         "วิสาหกิจชุมชนท่องเที่ยวบ้านน้ำเชี่ยว", "Ban Nam Chiao Community Tourism Enterprise",
         "ชุมชนไทยพุทธและมุสลิมริมป่าชายเลนที่อยู่ร่วมกันมาหลายชั่วอายุคน "
         "ขึ้นชื่อเรื่องงอบใบจากและการท่องเที่ยวเชิงอนุรักษ์",
         "A Buddhist and Muslim community on the mangroves, living together for generations, known "
         "for its palm-leaf ngop hats and conservation tourism."),
    _add("prachin", "250101", 7, 4,
         "วิสาหกิจชุมชนกลุ่มสมุนไพรเมืองปราจีน", "Mueang Prachin Herbal Community Enterprise",
         "เกษตรกรปราจีนบุรีปลูกสมุนไพรอินทรีย์ส่งโรงงานแปรรูปของกลุ่ม "
         "ผลิตเครื่องสำอาง ยาสีฟัน และเครื่องดื่มสมุนไพรตามตำรับไทย",
         "Prachin Buri farmers grow organic herbs for the group's workshop, which makes cosmetics, "
         "toothpaste and herbal drinks from Thai recipes."),
    # ภาคตะวันตก — West
    _add("khubua", "700120", 11, 5,
         "วิสาหกิจชุมชนกลุ่มทอผ้าจกไทยวนคูบัว", "Khu Bua Tai Yuan Chok Weaving Community Enterprise",
         "ชาวไทยวนคูบัวอพยพจากเชียงแสนเมื่อสองร้อยปีก่อน "
         "และยังทอผ้าซิ่นตีนจกลายโบราณอย่างประณีต",
         "The Tai Yuan of Khu Bua came from Chiang Saen two centuries ago and still weave their "
         "ancient chok patterns with great care."),
    _add("banlat", "760607", 6, 4,
         "วิสาหกิจชุมชนกลุ่มตาลโตนดบ้านลาด", "Ban Lat Palmyra Palm Community Enterprise",
         "ชาวบ้านลาดขึ้นต้นตาลโตนดทุกเช้าเย็นเพื่อรองน้ำตาลสด "
         "แล้วเคี่ยวในกระทะใบบัวเป็นน้ำตาลโตนดแท้ของเมืองเพชร",
         "Ban Lat climbers go up the palmyra palms morning and evening to collect the sap, then boil "
         "it down in wide pans into Phetchaburi's true palm sugar."),
    _add("amphawa", "750310", 8, 4,
         "วิสาหกิจชุมชนกลุ่มน้ำตาลมะพร้าวแพรกหนามแดง",
         "Phraek Nam Daeng Coconut Sugar Community Enterprise",
         "สวนมะพร้าวริมคลองอัมพวารองน้ำหวานจากงวงมะพร้าว "
         "เคี่ยวด้วยเตาฟืนเป็นน้ำตาลมะพร้าวแท้ไม่ผสมน้ำตาลทราย",
         "Coconut gardens on the Amphawa canals collect nectar from the blossoms and cook it over "
         "wood fires into pure coconut sugar, never cut with cane sugar."),
    # ภาคใต้ — South
    _add("khiriwong", "800304", 2, 5,
         "วิสาหกิจชุมชนกลุ่มผ้ามัดย้อมคีรีวง", "Khiriwong Natural Tie-dye Community Enterprise",
         "หมู่บ้านคีรีวงเชิงเขาหลวงย้อมผ้าด้วยสีจากใบไม้ เปลือกมังคุด และดินภูเขา "
         "พร้อมผลิตภัณฑ์จากสวนสมรมของชุมชน",
         "Khiriwong, at the foot of Khao Luang, dyes cloth with leaves, mangosteen peel and mountain "
         "earth, alongside the produce of its mixed forest gardens."),
    _add("koyo", "900106", 5, 4,
         "วิสาหกิจชุมชนกลุ่มทอผ้าเกาะยอ", "Ko Yo Weavers Community Enterprise",
         "ผ้าทอเกาะยอทอด้วยกี่กระตุกบนเกาะกลางทะเลสาบสงขลา "
         "ลายราชวัตรและลายดอกพิกุลสืบทอดกันมาหลายชั่วคน",
         "Ko Yo cloth is woven on fly-shuttle looms on an island in the Songkhla lake, in ratchawat "
         "and phikun patterns passed down for generations."),
    _add("chaiya", "840601", 3, 4,
         "วิสาหกิจชุมชนกลุ่มไข่เค็มไชยา", "Chaiya Salted Egg Community Enterprise",
         "ไข่เป็ดจากฟาร์มในไชยาพอกด้วยดินจอมปลวกผสมเกลือและขี้เถ้าแกลบ "
         "ได้ไข่แดงสีส้มมันตามตำรับไข่เค็มไชยา",
         "Duck eggs from Chaiya farms are packed in termite-mound clay, salt and rice-husk ash for the "
         "oily orange yolks Chaiya salted eggs are famous for."),
    _add("thalenoi", "930502", 4, 4,
         "วิสาหกิจชุมชนกลุ่มจักสานกระจูดทะเลน้อย", "Thale Noi Krajood Weaving Community Enterprise",
         "ต้นกระจูดจากพรุรอบทะเลน้อยถูกตากแดด รีดให้แบน "
         "แล้วสานเป็นเสื่อและกระเป๋าที่ทนทานและเบา",
         "Krajood sedge from the swamps around Thale Noi is sun-dried, pressed flat and woven into "
         "light, hard-wearing mats and bags."),
    # Added later, at the end so that the PromptPay ids numbered by position stay the same
    # ภาคเหนือ — North
    _add("phabat", "520105", 18, 4,
         "วิสาหกิจชุมชนกลุ่มเซรามิกชามไก่บ้านพระบาท", "Ban Phra Bat Rooster Bowl Ceramics Community Enterprise",
         "ช่างปั้นเมืองลำปางขึ้นรูปชามตราไก่จากดินขาวในท้องถิ่น เขียนลายไก่ ต้นกล้วย "
         "และดอกโบตั๋นด้วยพู่กันทีละใบ แล้วเผาในเตามังกร",
         "Lampang potters throw the famous rooster bowls from local kaolin, paint the cockerel, banana "
         "tree and peony by hand one bowl at a time, and fire them in a dragon kiln."),
    # ภาคตะวันออกเฉียงเหนือ — Northeast
    _add("kabbua", "340104", 6, 4,
         "วิสาหกิจชุมชนกลุ่มทอผ้ากาบบัวหัวเรือ", "Hua Ruea Kab Bua Weaving Community Enterprise",
         "ผ้ากาบบัวคือผ้าประจำจังหวัดอุบลราชธานี ทอผสมมัดหมี่ ขิด และเส้นไหมควบ "
         "จนได้ลายริ้วสีไล่เฉดเหมือนกาบดอกบัว",
         "Kab bua is Ubon Ratchathani's own cloth: mudmee, khit and twisted two-tone silk woven "
         "together into stripes shaded like the petals of a lotus."),
    _add("chiangkhan", "420301", 3, 4,
         "วิสาหกิจชุมชนกลุ่มแม่บ้านเชียงคาน", "Chiang Khan Housewives Community Enterprise",
         "แม่บ้านเมืองเก่าริมโขงเย็บผ้าห่มนวมด้วยมือ ทำมะพร้าวแก้วสูตรดั้งเดิม "
         "และต้อนรับนักท่องเที่ยวที่มาตักบาตรข้าวเหนียวยามเช้า",
         "The women of the old Mekong town hand-stitch cotton quilts, make coconut candy the old way "
         "and welcome the visitors who come for the sticky-rice alms round at dawn."),
    # ภาคใต้ — South
    _add("langsuan", "860401", 7, 4,
         "วิสาหกิจชุมชนกลุ่มกาแฟโรบัสต้าหลังสวน", "Lang Suan Robusta Coffee Community Enterprise",
         "ชาวสวนชุมพรปลูกกาแฟโรบัสต้าแซมสวนทุเรียนและกล้วยเล็บมือนาง "
         "ตากเมล็ดบนลานบ้านและคั่วในโรงคั่วเล็กของกลุ่ม",
         "Chumphon growers plant robusta between their durian trees and lady-finger bananas, dry the "
         "cherries in their yards and roast them in the group's small roastery."),
    _add("saiburi", "940701", 2, 4,
         "วิสาหกิจชุมชนกลุ่มแม่บ้านบูดูสายบุรี", "Sai Buri Budu Makers Community Enterprise",
         "แม่บ้านชาวประมงสายบุรีหมักปลากะตักกับเกลือในโอ่งดินนานนับปีเป็นน้ำบูดู "
         "และทำข้าวเกรียบปลาสดจากเรือของครอบครัว",
         "Fishing families in Sai Buri ferment anchovies with salt in clay jars for a year or more to "
         "make budu, and turn the fresh catch of their boats into fish crackers."),
)

ENTERPRISES: tuple[DemoEnterprise, ...] = tuple(
    dataclasses.replace(enterprise, promptpay_id=f"08000010{number:02d}")
    for number, enterprise in enumerate(_ENTERPRISES, start=1)
)
ENTERPRISE_KEYS: frozenset[str] = frozenset(enterprise.key for enterprise in ENTERPRISES)

P = DemoProduct

PRODUCTS: tuple[DemoProduct, ...] = (
    # ---------------------------------------------------------------- อาหาร — Food
    P("laplae", FOOD, "ลางสาดอบแห้งลับแล", "Laplae sun-dried langsat", 8500,
      "ลางสาดพันธุ์ลับแลเนื้อหวานฉ่ำ อบแห้งด้วยตู้อบพลังแสงอาทิตย์ ไม่ใส่สารกันเสีย 250 กรัม",
      "Sweet Laplae langsat dried in a solar dryer, no preservatives. 250 g."),
    P("laplae", FOOD, "ทุเรียนหลงลับแลกวน", "Long Laplae durian paste", 25000,
      "ทุเรียนหลงลับแลกวนกับน้ำตาลเล็กน้อยในกระทะทองเหลืองนานหลายชั่วโมง หอมมันเข้มข้น 500 กรัม",
      "Long Laplae durian slowly stirred with a little sugar in a brass pan for hours. 500 g."),
    P("laplae", FOOD, "ข้าวแคบงาดำ", "Khao khaep black-sesame rice crisps", 4500,
      "แผ่นข้าวแคบทำจากแป้งข้าวเจ้าโรยงาดำ ตากแดดแล้วนำไปปิ้งหรือทอดก่อนรับประทาน 20 แผ่น",
      "Rice-flour sheets with black sesame, sun-dried; grill or fry before eating. 20 sheets."),
    P("laplae", FOOD, "หมี่พันลับแลเส้นแห้ง", "Laplae dried mee phan noodles", 6000,
      "เส้นหมี่พันแบบดั้งเดิมของลับแล นำไปห่อผักและน้ำพริกรับประทานแบบคนเมือง 500 กรัม",
      "Laplae's traditional thin rice noodles, eaten wrapped around vegetables and chilli dip. 500 g."),
    P("takhu", FOOD, "ข้าวหอมมะลิอินทรีย์ 5 กิโลกรัม", "Organic Hom Mali jasmine rice, 5 kg", 32500,
      "ข้าวหอมมะลิ 105 ปลูกแบบอินทรีย์ สีใหม่จากโรงสีชุมชน หุงขึ้นหม้อ นุ่มหอม",
      "Organic Khao Dawk Mali 105, freshly milled in the community mill; soft and fragrant."),
    P("takhu", FOOD, "ข้าวกล้องงอกหอมมะลิ 1 กิโลกรัม", "Germinated brown jasmine rice, 1 kg", 9500,
      "ข้าวกล้องหอมมะลิเพาะให้งอกก่อนอบแห้ง เพิ่มสาร GABA หุงง่ายนุ่มกว่าข้าวกล้องทั่วไป",
      "Brown jasmine rice sprouted then dried, richer in GABA and softer than ordinary brown rice."),
    P("takhu", FOOD, "ข้าวไรซ์เบอร์รี่อินทรีย์ 1 กิโลกรัม", "Organic Riceberry rice, 1 kg", 8500,
      "ข้าวไรซ์เบอร์รี่สีม่วงเข้ม ปลูกโดยไม่ใช้สารเคมี อุดมด้วยสารต้านอนุมูลอิสระ",
      "Deep purple Riceberry grown without chemicals, rich in antioxidants."),
    P("takhu", FOOD, "ข้าวตังหน้าธัญพืช", "Crispy rice crackers with grains", 5500,
      "ข้าวตังจากข้าวหอมมะลิ หน้างา เมล็ดฟักทอง และธัญพืช อบกรอบไม่อมน้ำมัน",
      "Jasmine rice crackers topped with sesame, pumpkin seeds and grains, baked crisp."),
    P("bangsai", FOOD, "น้ำพริกเผาสูตรโบราณ", "Old-style roasted chilli paste", 7500,
      "น้ำพริกเผาคั่วพริกแห้ง หอมแดง และกระเทียมบนเตาถ่าน ผัดกับกุ้งแห้งและน้ำมะขามเปียก",
      "Chillies, shallots and garlic roasted over charcoal, fried with dried shrimp and tamarind."),
    P("bangsai", FOOD, "กล้วยกรอบแก้ว", "Glazed crispy banana chips", 5000,
      "กล้วยน้ำว้าหั่นบางทอดกรอบ เคลือบน้ำตาลจนใสเป็นแก้ว หวานกรอบกำลังดี 200 กรัม",
      "Thin-sliced banana fried crisp and glazed with caramel. 200 g."),
    P("bangsai", FOOD, "ปลาสลิดแดดเดียว", "Sun-dried snakeskin gourami", 18000,
      "ปลาสลิดจากบ่อในชุมชน หมักเกลือบางๆ ตากแดดเดียว นำไปทอดให้กรอบ แพ็กสุญญากาศ 500 กรัม",
      "Pond-raised gourami, lightly salted and dried for one day; fry until crisp. Vacuum packed, 500 g."),
    P("bangsai", FOOD, "โรตีสายไหมอยุธยา", "Ayutthaya roti sai mai", 12000,
      "แป้งโรตีบางนุ่มคู่กับขนมสายไหมเส้นฝอยหลากสี ม้วนรับประทานแบบกรุงเก่า",
      "Soft thin crêpes with colourful cotton-candy threads to roll up, the old capital's favourite."),
    P("phlapphla", FOOD, "ทุเรียนหมอนทองทอดกรอบ", "Crispy Monthong durian chips", 29000,
      "ทุเรียนหมอนทองจันทบุรีหั่นแผ่นทอดกรอบ เนื้อเหลืองทอง ไม่ใส่สี 200 กรัม",
      "Chanthaburi Monthong durian sliced and fried golden and crisp, no colouring. 200 g."),
    P("phlapphla", FOOD, "มังคุดกวน", "Mangosteen fruit paste", 9000,
      "เนื้อมังคุดกวนจนเหนียวหนึบ รสเปรี้ยวอมหวานตามธรรมชาติของราชินีผลไม้ 300 กรัม",
      "Mangosteen flesh stirred down into a chewy sweet-sour paste. 300 g."),
    P("phlapphla", FOOD, "พริกไทยดำเม็ดจันทบุรี", "Chanthaburi black peppercorns", 12000,
      "พริกไทยพันธุ์ซีลอนจากสวนจันทบุรี ตากแดดจนดำสนิท กลิ่นหอมฉุน 200 กรัม",
      "Ceylon-variety pepper from Chanthaburi orchards, sun-dried until black and pungent. 200 g."),
    P("banphe", FOOD, "กะปิเคยแท้บ้านเพ", "Ban Phe pure krill shrimp paste", 12000,
      "กะปิจากเคยสดหมักเกลือตากแดดตามวิธีดั้งเดิม ไม่ผสมแป้ง สีม่วงอมชมพู กลิ่นหอม 500 กรัม",
      "Shrimp paste from fresh krill, salted and sun-cured the old way, no flour added. 500 g."),
    P("banphe", FOOD, "น้ำปลาแท้หมักตามธรรมชาติ", "Naturally fermented fish sauce", 9500,
      "น้ำปลาจากปลากะตักหมักเกลือในโอ่งดินนานกว่า 12 เดือน สีน้ำตาลทองใส 700 มิลลิลิตร",
      "Anchovies fermented with salt in clay jars for over twelve months. 700 ml."),
    P("banphe", FOOD, "ปลาหมึกแห้งบ้านเพ", "Ban Phe dried squid", 35000,
      "ปลาหมึกกล้วยจากเรือประมงพื้นบ้าน ผ่าตากแดดบนแพไม้ไผ่ เนื้อหวาน 250 กรัม",
      "Squid from small-boat fishers, split and dried on bamboo racks. 250 g."),
    P("banphe", FOOD, "ข้าวเกรียบกุ้งบ้านเพ", "Ban Phe prawn crackers", 6500,
      "ข้าวเกรียบผสมเนื้อกุ้งสดกว่าครึ่ง หั่นแผ่นตากแห้ง ทอดแล้วพองกรอบ 500 กรัม",
      "Crackers made with over half fresh prawn; fry and watch them puff up. 500 g."),
    P("banlat", FOOD, "น้ำตาลโตนดแท้", "Pure palmyra palm sugar", 8000,
      "น้ำตาลโตนดเคี่ยวจากน้ำตาลสดล้วน หอมกลิ่นควันไฟ ไม่ผสมน้ำตาลทราย 500 กรัม",
      "Palm sugar cooked down from fresh sap only, smoky and never mixed with cane sugar. 500 g."),
    P("banlat", FOOD, "ลูกตาลเชื่อม", "Palmyra palm seeds in syrup", 7000,
      "ลูกตาลอ่อนเนื้อนุ่มเชื่อมในน้ำเชื่อมน้ำตาลโตนด บรรจุขวดแก้วพาสเจอร์ไรส์",
      "Tender young palmyra seeds in palm-sugar syrup, pasteurised in glass jars."),
    P("amphawa", FOOD, "น้ำตาลมะพร้าวแท้ 100%", "Pure coconut-blossom sugar", 9000,
      "น้ำตาลมะพร้าวจากสวนอัมพวา เคี่ยวด้วยเตาฟืน เนื้อนุ่มละเอียด หอมหวานละมุน 500 กรัม",
      "Amphawa coconut sugar cooked over wood fires, soft and mellow. 500 g."),
    P("amphawa", FOOD, "ทองม้วนมะพร้าวอ่อน", "Young coconut rolled wafers", 8500,
      "ทองม้วนกรอบบางจากกะทิสดและเนื้อมะพร้าวอ่อน ปิ้งบนเตาถ่านทีละแผ่น",
      "Thin crisp wafers of fresh coconut cream and young coconut, baked one by one over charcoal."),
    P("koyo", FOOD, "ปลากะพงแดดเดียว", "Sun-dried sea bass", 22000,
      "ปลากะพงขาวจากกระชังในทะเลสาบสงขลา ผ่าหมักเกลือ ตากแดดเดียว 500 กรัม",
      "White sea bass from cages in the Songkhla lake, butterflied, salted and dried for a day. 500 g."),
    P("koyo", FOOD, "น้ำพริกกุ้งเสียบ", "Smoked shrimp chilli relish", 9500,
      "กุ้งเสียบรมควันแบบปักษ์ใต้ คั่วกับพริกและสมุนไพรเป็นน้ำพริกแห้งหอมกรอบ 150 กรัม",
      "Southern smoked skewered shrimp, dry-fried with chillies and herbs into a crunchy relish. 150 g."),
    P("chaiya", FOOD, "ไข่เค็มไชยาพอกดิน 10 ฟอง", "Chaiya clay-coated salted duck eggs, 10", 15000,
      "ไข่เค็มพอกดินจอมปลวกแบบต้นตำรับ อายุหมัก 15 วัน ไข่แดงสีส้มมัน ต้มก่อนรับประทาน",
      "The original clay-coated salted eggs, cured 15 days, with oily orange yolks; boil before eating."),
    P("chaiya", FOOD, "ไข่เค็มไชยาต้มสุก 6 ฟอง", "Chaiya boiled salted duck eggs, 6", 10000,
      "ไข่เค็มไชยาต้มสุกพร้อมรับประทาน บรรจุกล่องกันกระแทก เก็บได้ 30 วัน",
      "Ready-to-eat boiled Chaiya salted eggs in a padded box; keeps 30 days."),
    P("chaiya", FOOD, "ไข่แดงเค็มไชยา", "Chaiya salted egg yolks", 12000,
      "ไข่แดงเค็มล้วนสำหรับทำขนมไหว้พระจันทร์และอาหาร 20 ลูก แช่เย็น",
      "Salted yolks only, for mooncakes and cooking. 20 yolks, chilled."),
    P("chaiya", FOOD, "น้ำพริกไข่เค็ม", "Salted egg chilli dip", 8500,
      "น้ำพริกผัดไข่แดงเค็มไชยากับพริกและกระเทียม รสกลมกล่อม ทานกับผักสดหรือข้าวสวย 150 กรัม",
      "Chilli dip fried with Chaiya salted yolks and garlic; eat with fresh vegetables or rice. 150 g."),
    P("kokret", FOOD, "ขนมดอกจอกเกาะเกร็ด", "Ko Kret lotus-flower crisps", 6000,
      "ขนมดอกจอกกรอบบางทำจากแป้งและกะทิ โรยงาขาว ทอดด้วยพิมพ์ทองเหลืองแบบมอญ",
      "Lace-thin flower-shaped crisps of flour and coconut cream, fried in brass moulds the Mon way."),
    P("saiburi", FOOD, "น้ำบูดูสายบุรี", "Sai Buri budu fish sauce", 6500,
      "น้ำบูดูหมักจากปลากะตักและเกลือในโอ่งดินนานกว่าหนึ่งปี ปรุงเป็นน้ำข้าวยำปักษ์ใต้ 700 มิลลิลิตร",
      "Budu fermented from anchovies and salt in clay jars for over a year; the sauce of southern "
      "khao yam rice salad. 700 ml.", 60),
    P("saiburi", FOOD, "ข้าวเกรียบปลาสายบุรี", "Sai Buri fish crackers", 8000,
      "ข้าวเกรียบจากปลาทูสดผสมแป้งมันในสัดส่วนปลามาก ตากแดดแล้ว นำไปทอดได้ทันที 500 กรัม",
      "Crackers rich in fresh mackerel with tapioca flour, sun-dried and ready to fry. 500 g.", 60),
    P("langsuan", FOOD, "กล้วยเล็บมือนางอบน้ำผึ้ง", "Honey-baked lady-finger bananas", 7000,
      "กล้วยเล็บมือนางของชุมพรอบแห้งเคลือบน้ำผึ้งป่า เหนียวหนึบหวานหอม 300 กรัม",
      "Chumphon lady-finger bananas dried and glazed with wild honey; chewy and sweet. 300 g."),
    P("chiangkhan", FOOD, "มะพร้าวแก้วเชียงคาน", "Chiang Khan coconut candy", 9000,
      "มะพร้าวขูดเส้นเคี่ยวกับน้ำตาลจนเป็นแก้ว ห้าสีจากใบเตย อัญชัน และกระเจี๊ยบ 250 กรัม",
      "Shredded coconut candied in five colours from pandan, butterfly pea and roselle. 250 g.", 60),
    # ---------------------------------------------------------------- เครื่องดื่ม — Beverages
    P("maekampong", BEVERAGES, "กาแฟอาราบิก้าคั่วกลางแม่กำปอง", "Mae Kampong medium-roast Arabica", 22000,
      "เมล็ดกาแฟอาราบิก้าปลูกใต้ร่มไม้ในป่าแม่กำปอง คั่วระดับกลาง กลิ่นผลไม้และช็อกโกแลต 250 กรัม",
      "Shade-grown Mae Kampong Arabica, medium roast, with fruit and chocolate notes. 250 g."),
    P("maekampong", BEVERAGES, "กาแฟอาราบิก้าคั่วเข้มแม่กำปอง", "Mae Kampong dark-roast Arabica", 22000,
      "กาแฟคั่วเข้มรสเข้มข้น เหมาะกับเอสเปรสโซและกาแฟนม 250 กรัม",
      "A bold dark roast for espresso and milk coffee. 250 g."),
    P("maekampong", BEVERAGES, "ชาใบเมี่ยงอบแห้ง", "Dried miang tea leaves", 9000,
      "ใบชาเมี่ยงจากต้นชาป่าอายุหลายสิบปี ตากแห้งชงเป็นชาร้อน รสนุ่มชุ่มคอ 100 กรัม",
      "Leaves from decades-old wild miang tea trees, dried for a smooth hot tea. 100 g."),
    P("maekampong", BEVERAGES, "ชาดอกกาแฟ", "Coffee-blossom tea", 15000,
      "ดอกกาแฟเก็บในช่วงต้นฤดูร้อน อบแห้งอย่างพิถีพิถัน ชงได้ชาหอมดอกไม้อ่อนๆ 30 กรัม",
      "Coffee flowers picked in early hot season and gently dried; a light floral tea. 30 g."),
    P("maesalong", BEVERAGES, "ชาอูหลงเบอร์ 12", "Oolong No. 12 tea", 35000,
      "ชาอูหลงพันธุ์เบอร์ 12 จากดอยแม่สลอง หอมคล้ายดอกไม้และนม รสนุ่มละมุน 200 กรัม",
      "Doi Mae Salong No. 12 oolong, floral and milky, very smooth. 200 g."),
    P("maesalong", BEVERAGES, "ชาอูหลงจินเซวียน", "Jin Xuan milk oolong", 32000,
      "ชาอูหลงจินเซวียนม้วนเป็นเม็ด กลิ่นหอมนมธรรมชาติ ชงได้หลายน้ำ 200 กรัม",
      "Rolled Jin Xuan oolong with a natural milky aroma; infuse it many times. 200 g."),
    P("maesalong", BEVERAGES, "ชาอูหลงก้านอ่อนเบอร์ 17", "Oolong No. 17 (Ruan Zhi)", 30000,
      "ชาอูหลงก้านอ่อนรสชุ่มคอ หวานปลายลิ้น คั่วระดับอ่อน 200 กรัม",
      "Ruan Zhi oolong, lightly roasted, mellow with a sweet finish. 200 g."),
    P("maesalong", BEVERAGES, "ชาเขียวดอยแม่สลอง", "Doi Mae Salong green tea", 18000,
      "ใบชาเขียวคั่วกระทะแบบจีนยูนนาน สีน้ำเขียวใส รสสดชื่น 200 กรัม",
      "Pan-fired green tea in the Yunnanese style; clear green liquor, fresh taste. 200 g."),
    P("maesalong", BEVERAGES, "ชาดำอัสสัมดอยแม่สลอง", "Doi Mae Salong Assam black tea", 15000,
      "ชาดำจากต้นชาอัสสัม หมักเต็มที่ รสเข้ม เหมาะกับชานมและชาเย็น 200 กรัม",
      "Fully oxidised Assam black tea, strong enough for milk tea and Thai iced tea. 200 g."),
    P("maesalong", BEVERAGES, "ชาอูหลงดอกหอมหมื่นลี้", "Osmanthus oolong", 28000,
      "ชาอูหลงอบกับดอกหอมหมื่นลี้ กลิ่นหอมหวานคล้ายแอปริคอต 150 กรัม",
      "Oolong scented with osmanthus flowers, with a sweet apricot-like aroma. 150 g."),
    P("maesalong", BEVERAGES, "ชาอูหลงถุงชง 20 ซอง", "Oolong tea bags, 20", 12000,
      "ชาอูหลงเบอร์ 12 บรรจุถุงชงทรงพีระมิด สะดวกสำหรับที่ทำงานและการเดินทาง",
      "No. 12 oolong in pyramid bags, handy at work and on the road."),
    P("maesalong", BEVERAGES, "กาแฟดอยแม่สลองคั่วอ่อน", "Doi Mae Salong light-roast coffee", 24000,
      "อาราบิก้าจากไร่บนดอยแม่สลอง คั่วอ่อน เปรี้ยวสดแบบผลไม้ เหมาะกับดริป 250 กรัม",
      "Mae Salong Arabica, light roast with bright fruity acidity, for pour-over. 250 g."),
    P("phlapphla", BEVERAGES, "น้ำมังคุด 100%", "100% mangosteen juice", 6500,
      "น้ำมังคุดคั้นสดจากสวนจันทบุรี ไม่เติมน้ำตาล พาสเจอร์ไรส์ 1 ลิตร",
      "Pressed Chanthaburi mangosteen, no sugar added, pasteurised. 1 litre."),
    P("phlapphla", BEVERAGES, "น้ำสละเข้มข้น", "Salak fruit syrup concentrate", 7500,
      "น้ำสละพันธุ์สุมาลีเข้มข้น ผสมน้ำและน้ำแข็งได้ 8 แก้ว รสเปรี้ยวหวานหอม",
      "Sumalee salak concentrate; makes eight sweet-sour glasses over ice."),
    P("phlapphla", BEVERAGES, "น้ำมะม่วงหาวมะนาวโห่", "Carunda juice", 6000,
      "น้ำผลไม้จากมะม่วงหาวมะนาวโห่ สีแดงทับทิม รสเปรี้ยวสดชื่น อุดมวิตามินซี 500 มิลลิลิตร",
      "Ruby-red carunda fruit juice, tart and refreshing, rich in vitamin C. 500 ml."),
    P("prachin", BEVERAGES, "ชาขิงผงสำเร็จรูป", "Instant ginger tea", 6500,
      "ขิงแก่ปลูกอินทรีย์ บดผสมน้ำตาลอ้อยเล็กน้อย ชงน้ำร้อนดื่มอุ่นท้อง 20 ซอง",
      "Mature organic ginger with a touch of cane sugar; stir into hot water. 20 sachets."),
    P("prachin", BEVERAGES, "น้ำกระเจี๊ยบเข้มข้น", "Roselle concentrate", 5500,
      "กระเจี๊ยบแดงต้มเคี่ยวเข้มข้น ผสมน้ำเย็นดื่มแก้กระหาย 500 มิลลิลิตร",
      "Simmered red roselle concentrate; mix with cold water for a thirst-quencher. 500 ml."),
    P("prachin", BEVERAGES, "ชาตะไคร้ใบเตย", "Lemongrass and pandan tea", 7000,
      "ตะไคร้และใบเตยอบแห้งจากแปลงอินทรีย์ ชงร้อนหรือเย็นก็หอมชื่นใจ 30 ซอง",
      "Dried organic lemongrass and pandan leaf; lovely hot or iced. 30 bags."),
    P("banlat", BEVERAGES, "น้ำตาลสดพาสเจอร์ไรส์", "Pasteurised fresh palmyra sap", 4000,
      "น้ำตาลสดจากต้นตาลโตนดเมืองเพชร พาสเจอร์ไรส์เช้าวันเก็บ หอมหวานธรรมชาติ 6 ขวด",
      "Phetchaburi palmyra sap pasteurised on the morning it is collected. 6 bottles."),
    P("banlat", BEVERAGES, "กาแฟเย็นน้ำตาลโตนดสำเร็จรูป", "Instant iced coffee with palm sugar", 9000,
      "กาแฟโรบัสต้าผสมน้ำตาลโตนดแท้และนม ชงกับน้ำเย็นได้ทันที 15 ซอง",
      "Robusta with real palm sugar and milk; stirs straight into cold water. 15 sachets."),
    P("banlat", BEVERAGES, "น้ำลูกตาลอ่อนพร้อมดื่ม", "Young palmyra fruit drink", 4500,
      "เนื้อลูกตาลอ่อนหั่นชิ้นในน้ำตาลสด ดื่มเย็นๆ ชื่นใจ 6 ขวด",
      "Chunks of young palmyra fruit in fresh sap; drink it chilled. 6 bottles."),
    P("amphawa", BEVERAGES, "น้ำมะพร้าวน้ำหอมพาสเจอร์ไรส์", "Pasteurised aromatic coconut water", 5000,
      "น้ำมะพร้าวน้ำหอมจากสวนริมคลองอัมพวา หอมหวานธรรมชาติ ไม่เติมน้ำตาล 6 ขวด",
      "Aromatic coconut water from Amphawa canal-side gardens, no sugar added. 6 bottles."),
    P("amphawa", BEVERAGES, "ไซรัปน้ำตาลมะพร้าวสำหรับชงกาแฟ", "Coconut-blossom syrup for coffee", 12000,
      "ไซรัปจากน้ำตาลมะพร้าวแท้ หอมคาราเมล ใช้แทนน้ำเชื่อมในกาแฟและชา 500 มิลลิลิตร",
      "Pure coconut-sugar syrup with caramel notes for coffee and tea. 500 ml."),
    P("amphawa", BEVERAGES, "ชาเปลือกส้มโอขาวใหญ่", "Khao Yai pomelo peel tea", 8500,
      "เปลือกส้มโอพันธุ์ขาวใหญ่ของสมุทรสงครามอบแห้ง ชงเป็นชาหอมสดชื่น 20 ซอง",
      "Dried peel of Samut Songkhram's Khao Yai pomelo, a fresh citrus tea. 20 bags."),
    P("chonnabot", BEVERAGES, "ชาใบหม่อนอินทรีย์", "Organic mulberry leaf tea", 9000,
      "ใบหม่อนจากแปลงเลี้ยงไหมปลอดสาร คั่วด้วยมือ รสนุ่มคล้ายชาเขียว 100 กรัม",
      "Hand-roasted leaves from the silk farm's chemical-free mulberry, mild like green tea. 100 g."),
    P("chonnabot", BEVERAGES, "น้ำมัลเบอร์รี่เข้มข้น", "Mulberry juice concentrate", 8000,
      "ผลหม่อนสุกสีม่วงเข้มคั้นเข้มข้น ผสมน้ำได้ 10 แก้ว 750 มิลลิลิตร",
      "Ripe dark mulberries pressed into a concentrate for ten glasses. 750 ml."),
    P("takhu", BEVERAGES, "เครื่องดื่มข้าวกล้องงอกชนิดผง", "Powdered germinated brown rice drink", 12000,
      "ผงข้าวกล้องงอกหอมมะลิ ชงกับน้ำอุ่นเป็นเครื่องดื่มธัญพืชอิ่มท้อง 400 กรัม",
      "Germinated brown jasmine rice powder for a filling warm grain drink. 400 g."),
    P("takhu", BEVERAGES, "ชาข้าวหอมมะลิคั่ว", "Roasted jasmine rice tea", 7000,
      "ข้าวหอมมะลิคั่วจนหอมกรุ่นคล้ายข้าวโพดคั่ว ชงร้อนไม่มีคาเฟอีน 20 ซอง",
      "Jasmine rice roasted until nutty; a caffeine-free hot tea. 20 bags."),
    P("khiriwong", BEVERAGES, "น้ำลูกหยีเข้มข้น", "Velvet tamarind concentrate", 6000,
      "ลูกหยีป่าจากเชิงเขาหลวง ต้มเคี่ยวเป็นน้ำผลไม้เข้มข้น รสเปรี้ยวอมหวาน 500 มิลลิลิตร",
      "Wild velvet tamarind from the Khao Luang foothills, simmered into a sweet-sour concentrate. 500 ml."),
    P("khiriwong", BEVERAGES, "ชาดอกดาหลา", "Torch ginger flower tea", 9500,
      "ดอกดาหลาสีชมพูจากสวนสมรม อบแห้งชงเป็นชาสีชมพูใส หอมสดชื่น 30 กรัม",
      "Pink torch ginger flowers from the forest gardens, dried for a clear pink tea. 30 g."),
    P("langsuan", BEVERAGES, "กาแฟโรบัสต้าชุมพรคั่วกลาง", "Chumphon robusta, medium roast", 18000,
      "เมล็ดโรบัสต้าจากสวนหลังสวน ตากแห้งธรรมชาติและคั่วระดับกลาง เข้มแบบกาแฟใต้ 500 กรัม",
      "Natural-dried robusta from Lang Suan gardens, medium roasted for a strong southern cup. 500 g.", 60),
    P("langsuan", BEVERAGES, "กาแฟโบราณชุมพรแบบถุงชง", "Chumphon old-style coffee in brewing bags", 9500,
      "กาแฟโรบัสต้าคั่วเข้มแบบโบราณ บรรจุถุงชงพร้อมใช้ ชงกับนมข้นเป็นกาแฟร้านน้ำชา 20 ถุง",
      "Dark old-style robusta in brewing bags; with condensed milk it is the tea-shop coffee. 20 bags."),
    # ---------------------------------------------------------------- ผ้า เครื่องแต่งกาย — Textiles
    P("buakkhang", TEXTILES, "ผ้าไหมยกดอกสันกำแพง 2 เมตร", "San Kamphaeng silk brocade, 2 m", 280000,
      "ผ้าไหมยกดอกทอมือจากกี่พื้นเมือง เส้นไหมเลี้ยงเองในชุมชน ลายดอกพิกุล กว้าง 1 เมตร",
      "Hand-loomed brocade of village-raised silk, phikun flower pattern, 1 m wide.", 6),
    P("buakkhang", TEXTILES, "ผ้าพันคอไหมสีธรรมชาติ", "Naturally dyed silk scarf", 85000,
      "ผ้าพันคอไหมทอมือย้อมจากครั่ง เปลือกประดู่ และดาวเรือง ขนาด 50 x 180 เซนติเมตร",
      "Handwoven silk scarf dyed with lac, padauk bark and marigold. 50 × 180 cm.", 12),
    P("buakkhang", TEXTILES, "เสื้อผ้าฝ้ายทอมือคอจีน", "Handwoven cotton mandarin-collar shirt", 65000,
      "เสื้อผ้าฝ้ายทอมือเนื้อนุ่ม ระบายอากาศดี ตัดเย็บคอจีนกระดุมผ้า มีไซซ์ S ถึง XL",
      "Soft breathable handwoven cotton, mandarin collar with cloth buttons. Sizes S to XL.", 20),
    P("nongbua", TEXTILES, "ผ้าซิ่นลายน้ำไหล", "Nam Lai flowing-water sarong", 250000,
      "ผ้าซิ่นไทลื้อลายน้ำไหลทอด้วยเทคนิคเกาะล้วง สีสันสดใสแบบเมืองน่าน",
      "Tai Lue sarong in the Nam Lai tapestry weave, in Nan's bright colours.", 5),
    P("nongbua", TEXTILES, "ผ้าคาดโต๊ะลายน้ำไหล", "Nam Lai table runner", 45000,
      "ผ้าทอลายน้ำไหลผืนยาวสำหรับคาดโต๊ะอาหาร ขนาด 30 x 180 เซนติเมตร",
      "A long Nam Lai weave for the dining table. 30 × 180 cm.", 15),
    P("nongbua", TEXTILES, "ย่ามผ้าทอไทลื้อ", "Tai Lue woven shoulder bag", 35000,
      "ย่ามผ้าฝ้ายทอลายไทลื้อ สายยาวสะพายข้าง มีซับในและกระเป๋าซิป",
      "Tai Lue cotton shoulder bag with a long strap, lining and zip pocket."),
    P("thunghong", TEXTILES, "เสื้อม่อฮ่อมคอกลมผู้ชาย", "Men's mo hom indigo shirt", 35000,
      "เสื้อม่อฮ่อมผ้าฝ้ายย้อมห้อมธรรมชาติ คอกลมผ่าหน้า ใส่สบายทุกวัน ไซซ์ M ถึง XXL",
      "Cotton mo hom shirt in natural indigo, round neck and front opening. Sizes M to XXL."),
    P("thunghong", TEXTILES, "เสื้อม่อฮ่อมแขนกระบอกผู้หญิง", "Women's mo hom indigo blouse", 39000,
      "เสื้อแขนกระบอกผ้าหม้อห้อม ตกแต่งผ้าทอลายพื้นเมืองที่สาบเสื้อ ไซซ์ S ถึง XL",
      "Indigo blouse with tube sleeves, trimmed with local woven bands. Sizes S to XL."),
    P("thunghong", TEXTILES, "กางเกงสะดอม่อฮ่อม", "Mo hom fisherman trousers", 29000,
      "กางเกงสะดอผ้าหม้อห้อม เอวผูก ใส่ได้ทั้งชายและหญิง ฟรีไซซ์",
      "Tie-waist indigo trousers for men and women, one size."),
    P("hatsiao", TEXTILES, "ผ้าซิ่นตีนจกหาดเสี้ยว", "Hat Siao tin chok sarong", 450000,
      "ผ้าซิ่นไทพวนตีนจกไหมคำ ลายนาคและลายดอกโบราณ จกมือทั้งผืน ใช้เวลาทอกว่าสามเดือน",
      "Tai Phuan sarong with a hand-picked silk tin chok hem of naga and old flower motifs; over three "
      "months on the loom.", 3),
    P("hatsiao", TEXTILES, "ผ้าขาวม้าทอมือหาดเสี้ยว", "Hat Siao handwoven pha khao ma", 18000,
      "ผ้าขาวม้าฝ้ายทอมือลายตารางสีสด ใช้เป็นผ้าเช็ดตัว ผ้าคลุมไหล่ หรือผ้าตกแต่ง",
      "Bright checked handwoven cotton cloth: towel, shawl or decoration."),
    P("hatsiao", TEXTILES, "ผ้าคลุมไหล่ลายจก", "Chok-pattern shawl", 120000,
      "ผ้าคลุมไหล่ไหมผสมฝ้าย ปลายผ้าจกลายไทพวน ขนาด 60 x 200 เซนติเมตร",
      "Silk-cotton shawl with Tai Phuan chok ends. 60 × 200 cm.", 8),
    P("chonnabot", TEXTILES, "ผ้าไหมมัดหมี่ทอมือ", "Handwoven mudmee silk, 2 m", 350000,
      "ผ้าไหมมัดหมี่ชนบททอมือ มัดลายและย้อมทีละช่วงก่อนทอ ลายหมี่ขอ ยาว 2 เมตร",
      "Chonnabot mudmee silk, tie-dyed section by section before weaving, mi kho pattern. 2 m.", 8),
    P("chonnabot", TEXTILES, "ผ้าไหมมัดหมี่ลายพญานาค 4 เมตร", "Mudmee silk, naga pattern, 4 m", 680000,
      "ผ้าไหมมัดหมี่เส้นเล็กลายพญานาคเต็มผืน สำหรับตัดชุดไทย ยาว 4 เมตร",
      "Fine mudmee silk with a naga pattern throughout, enough for a Thai dress. 4 m.", 4),
    P("chonnabot", TEXTILES, "ผ้าพันคอไหมมัดหมี่", "Mudmee silk scarf", 95000,
      "ผ้าพันคอไหมมัดหมี่ลายดอกแก้ว น้ำหนักเบา พริ้วสวย ขนาด 40 x 170 เซนติเมตร",
      "Light, flowing mudmee silk scarf in the dok kaeo pattern. 40 × 170 cm.", 12),
    P("thasawang", TEXTILES, "ผ้าไหมยกทองลายดอกพิกุล", "Gold brocade silk, phikun pattern", 1500000,
      "ผ้าไหมยกทองแบบราชสำนักทอด้วยเส้นไหมและไหมทอง ลายดอกพิกุล ยาว 2 เมตร",
      "Court-style brocade of silk and gold thread, phikun flower pattern. 2 m.", 2),
    P("thasawang", TEXTILES, "ผ้าไหมหางกระรอก", "Hang krarok 'squirrel-tail' silk", 280000,
      "ผ้าไหมหางกระรอกของสุรินทร์ ควบเส้นไหมสองสีให้เหลือบเงาเหมือนหางกระรอก ยาว 2 เมตร",
      "Surin's squirrel-tail silk, twisting two colours into a shimmering yarn. 2 m.", 6),
    P("chernchum", TEXTILES, "ผ้าฝ้ายย้อมครามลายขิด", "Indigo-dyed cotton, khit pattern", 120000,
      "ผ้าฝ้ายทอมือย้อมครามธรรมชาติ ยกลายขิดสีขาว สำหรับตัดเสื้อหรือผ้าซิ่น ยาว 2 เมตร",
      "Handwoven cotton in natural indigo with white khit motifs, for a shirt or sarong. 2 m.", 10),
    P("chernchum", TEXTILES, "เสื้อคลุมผ้าฝ้ายย้อมคราม", "Indigo cotton wrap jacket", 89000,
      "เสื้อคลุมทรงกิโมโนผ้าฝ้ายย้อมคราม ผูกเอว ใส่ได้ทุกโอกาส ฟรีไซซ์",
      "Kimono-style indigo cotton wrap jacket with a tie belt. One size.", 10),
    P("chernchum", TEXTILES, "ผ้าพันคอฝ้ายย้อมคราม", "Indigo cotton scarf", 39000,
      "ผ้าพันคอฝ้ายทอมือย้อมครามไล่เฉด ยิ่งซักยิ่งนุ่ม ขนาด 50 x 180 เซนติเมตร",
      "Handwoven indigo cotton scarf in graded shades; softer with every wash. 50 × 180 cm."),
    P("nakha", TEXTILES, "ผ้าขิดฝ้ายบ้านนาข่า", "Ban Na Kha khit cotton", 95000,
      "ผ้าฝ้ายทอยกขิดลายเรขาคณิตแบบอีสาน สำหรับตัดเย็บหรือทำผ้าคลุม ยาว 2 เมตร",
      "Cotton woven with Isan geometric khit lifts, for sewing or as a throw. 2 m."),
    P("nakha", TEXTILES, "ผ้าไหมขิดลายดอกแก้ว", "Khit silk, dok kaeo pattern", 220000,
      "ผ้าไหมยกขิดลายดอกแก้ว เส้นไหมพื้นบ้านย้อมสีธรรมชาติ ยาว 2 เมตร",
      "Silk with dok kaeo khit motifs in naturally dyed village silk. 2 m.", 6),
    P("phon", TEXTILES, "ผ้าไหมแพรวาผืนใหญ่", "Phrae wa silk shawl, full width", 850000,
      "ผ้าไหมแพรวาลายขิดและจกกว่าสิบสี ทอมือทั้งผืน ใช้เวลาทอหลายเดือน ขนาด 90 x 200 เซนติเมตร",
      "Phrae wa with khit and chok in over ten colours, months of hand weaving. 90 × 200 cm.", 2),
    P("phon", TEXTILES, "ผ้าสไบแพรวา", "Phrae wa sabai sash", 320000,
      "ผ้าสไบไหมแพรวาสีแดงครั่งแบบผู้ไท สำหรับงานบุญและงานแต่ง ขนาด 30 x 200 เซนติเมตร",
      "Lac-red Phu Thai phrae wa sash for ceremonies and weddings. 30 × 200 cm.", 5),
    P("khubua", TEXTILES, "ผ้าซิ่นตีนจกไทยวนคูบัว", "Khu Bua Tai Yuan chok sarong", 550000,
      "ผ้าซิ่นตีนจกไทยวนลายโคมเชียงแสน จกด้วยมือบนไหมและฝ้าย ลวดลายโบราณกว่าสองร้อยปี",
      "Tai Yuan sarong with a hand-picked Chiang Saen lamp hem in silk and cotton; a two-century-old "
      "pattern.", 3),
    P("khubua", TEXTILES, "กระเป๋าผ้าจกไทยวน", "Tai Yuan chok clutch bag", 65000,
      "กระเป๋าคลัตช์ตกแต่งผ้าจกไทยวน ซับในผ้าฝ้าย ซิปโลหะ ขนาด 28 x 15 เซนติเมตร",
      "Clutch faced with Tai Yuan chok, cotton lining, metal zip. 28 × 15 cm."),
    P("khubua", TEXTILES, "ผ้าลายจกไทยวนตัดเสื้อ 1 เมตร", "Tai Yuan chok fabric by the metre", 75000,
      "ผ้าฝ้ายทอแถบลายจกไทยวน สำหรับตัดเสื้อหรือตกแต่งกระเป๋า ขายเป็นเมตร",
      "Cotton with bands of Tai Yuan chok, for shirts or bags; sold by the metre.", 25),
    P("khiriwong", TEXTILES, "เสื้อผ้ามัดย้อมสีธรรมชาติคีรีวง", "Khiriwong natural tie-dye shirt", 45000,
      "เสื้อผ้าฝ้ายมัดย้อมจากเปลือกมังคุด ใบหูกวาง และดินภูเขา ไม่มีสีเคมี ไซซ์ S ถึง XL",
      "Cotton shirt tie-dyed with mangosteen peel, almond leaves and mountain earth. Sizes S to XL."),
    P("koyo", TEXTILES, "ผ้าทอเกาะยอลายราชวัตร", "Ko Yo cloth, ratchawat pattern", 120000,
      "ผ้าฝ้ายผสมไหมทอกี่กระตุก ลายราชวัตรสีสุภาพ สำหรับตัดชุดทำงาน ยาว 2 เมตร",
      "Cotton-silk on a fly-shuttle loom in the quiet ratchawat check, for office wear. 2 m."),
    P("koyo", TEXTILES, "ผ้าขาวม้าเกาะยอ", "Ko Yo pha khao ma", 25000,
      "ผ้าขาวม้าทอเกาะยอเนื้อแน่น ซับน้ำดี ลายตารางสีสดแบบปักษ์ใต้",
      "Dense, absorbent Ko Yo cloth in bright southern checks."),
    P("kabbua", TEXTILES, "ผ้ากาบบัวทอมือ 2 เมตร", "Handwoven kab bua cloth, 2 m", 180000,
      "ผ้ากาบบัวผ้าประจำจังหวัดอุบลราชธานี ทอผสมมัดหมี่และไหมควบ ลายริ้วไล่สี หน้ากว้าง 1 เมตร",
      "Ubon's own kab bua cloth, mudmee and two-tone silk in shaded stripes. One metre wide.", 8),
    P("kabbua", TEXTILES, "ผ้าพันคอกาบบัว", "Kab bua scarf", 65000,
      "ผ้าพันคอผ้าฝ้ายทอลายกาบบัว ขนาด 30 x 180 เซนติเมตร เนื้อนุ่มใส่ได้ทุกฤดู",
      "Cotton scarf in the kab bua pattern, 30 × 180 cm, soft enough for any season.", 15),
    P("kabbua", TEXTILES, "เสื้อผ้าฝ้ายกาบบัวคอจีน", "Kab bua cotton shirt, mandarin collar", 89000,
      "เสื้อเชิ้ตคอจีนตัดจากผ้าฝ้ายทอลายกาบบัว กระดุมกะลามะพร้าว มีไซซ์ S ถึง XL",
      "Mandarin-collar shirt of kab bua cotton with coconut-shell buttons, sizes S to XL.", 12),
    P("chiangkhan", TEXTILES, "ผ้าห่มนวมเชียงคาน", "Chiang Khan hand-stitched quilt", 95000,
      "ผ้าห่มนวมยัดฝ้ายเย็บมือทีละเข็ม ลายดอกพื้นเมือง อุ่นสบายในหน้าหนาวริมโขง ขนาด 5 ฟุต",
      "Cotton-filled quilt stitched by hand in folk flower prints; warm for Mekong winters. 5 ft.", 12),
    # ---------------------------------------------------------------- ของใช้ ของที่ระลึก — Souvenirs
    P("bosang", SOUVENIRS, "ร่มกระดาษสาเขียนลายดอกไม้ 20 นิ้ว", "Hand-painted saa-paper umbrella, 20 in",
      45000,
      "ร่มกระดาษสาโครงไม้ไผ่ เขียนลายดอกไม้ด้วยมือ เคลือบน้ำมันกันน้ำ ใช้ตกแต่งหรือกันแดด",
      "Bamboo-framed saa-paper umbrella, flowers painted by hand, oiled against rain."),
    P("bosang", SOUVENIRS, "ร่มผ้าฝ้ายบ่อสร้าง 40 นิ้ว", "Bo Sang cotton parasol, 40 in", 89000,
      "ร่มผ้าฝ้ายขนาดใหญ่สำหรับสวนและร้านกาแฟ โครงไม้ไผ่แข็งแรง เลือกสีได้",
      "A large cotton parasol for gardens and cafés on a sturdy bamboo frame.", 10),
    P("bosang", SOUVENIRS, "พัดกระดาษสาลายดอกไม้", "Painted saa-paper fan", 8000,
      "พัดกระดาษสาด้ามไม้ไผ่ เขียนลายดอกไม้ด้วยมือ ของฝากจากเชียงใหม่",
      "Saa-paper fan on bamboo ribs, painted by hand; a Chiang Mai keepsake.", 80),
    P("bosang", SOUVENIRS, "โคมไฟกระดาษสา", "Saa-paper lantern", 25000,
      "โคมไฟแขวนกระดาษสาทรงกลม ให้แสงนวล พับเก็บได้ พร้อมชุดสายไฟ",
      "Round hanging saa-paper lantern with a warm glow; folds flat, cord set included."),
    P("tawai", SOUVENIRS, "ช้างไม้สักแกะสลัก", "Carved teak elephant", 120000,
      "ช้างแกะสลักจากไม้สักเก่า ขัดเงาด้วยน้ำมันธรรมชาติ สูง 30 เซนติเมตร",
      "Elephant carved from reclaimed teak, polished with natural oil. 30 cm tall.", 6),
    P("tawai", SOUVENIRS, "ถาดไม้สักแกะลายดอก", "Carved teak tray", 65000,
      "ถาดไม้สักแกะลายดอกพุดตานที่ขอบ ใช้เสิร์ฟหรือตกแต่ง ขนาด 40 x 25 เซนติเมตร",
      "Teak tray with a carved phuttan flower rim, for serving or display. 40 × 25 cm."),
    P("tawai", SOUVENIRS, "กรอบกระจกไม้แกะสลัก", "Carved wooden mirror frame", 180000,
      "กรอบกระจกไม้แกะลายเครือเถาแบบล้านนา ทำสีทองเก่า ขนาด 60 x 90 เซนติเมตร",
      "Mirror frame carved with Lanna vine scrolls, antique gold finish. 60 × 90 cm.", 4),
    P("tawai", SOUVENIRS, "ชุดช้อนส้อมสลัดไม้มะม่วง", "Mango-wood salad servers", 25000,
      "ช้อนส้อมสลัดจากไม้มะม่วง เคลือบน้ำมันสำหรับอาหาร ปลอดภัย ยาว 30 เซนติเมตร",
      "Mango-wood salad servers finished with food-safe oil. 30 cm long."),
    P("dankwian", SOUVENIRS, "แจกันดินเผาด่านเกวียน", "Dan Kwian clay vase", 55000,
      "แจกันดินเผาสีสนิมเหล็กเผาด้วยเตาฟืน ผิวมันวาวตามธรรมชาติ สูง 35 เซนติเมตร",
      "Wood-fired vase in Dan Kwian's natural rust glaze. 35 cm tall."),
    P("dankwian", SOUVENIRS, "กระถางดินเผาลายนูน", "Relief-patterned clay planter", 35000,
      "กระถางต้นไม้ดินเผาลายนูนดอกไม้ มีรูระบายน้ำ เส้นผ่านศูนย์กลาง 30 เซนติเมตร",
      "Clay planter with raised floral relief and a drainage hole. 30 cm across."),
    P("dankwian", SOUVENIRS, "โคมไฟดินเผาฉลุลาย", "Pierced clay lamp", 79000,
      "โคมไฟตั้งโต๊ะดินเผาฉลุลาย ให้เงาแสงเป็นลวดลายบนผนัง พร้อมหลอด LED",
      "Pierced clay table lamp that throws patterns on the wall; LED bulb included."),
    P("dankwian", SOUVENIRS, "กระดิ่งลมดินเผา", "Clay wind chime", 15000,
      "กระดิ่งลมดินเผาเสียงใส แขวนระเบียงหรือสวน ร้อยด้วยเชือกป่าน",
      "Clear-toned clay wind chime on hemp cord, for a porch or garden.", 60),
    P("kokret", SOUVENIRS, "คนโทดินเผาแกะลายวิจิตร", "Ko Kret carved clay water jar", 95000,
      "คนโทดินเผาแบบมอญ แกะลายดอกไม้ละเอียดด้วยมือทั้งใบ งานศิลป์ประจำเกาะเกร็ด",
      "Mon-style water jar carved all over with fine flowers by hand; Ko Kret's signature art.", 5),
    P("kokret", SOUVENIRS, "ชุดแก้วดินเผาเกาะเกร็ด 4 ใบ", "Ko Kret terracotta cups, set of 4", 42000,
      "แก้วดินเผาเนื้อบาง เก็บความเย็นของน้ำดื่มได้ดี ชุด 4 ใบ พร้อมกล่อง",
      "Thin terracotta cups that keep water cool; set of four, boxed."),
    P("kokret", SOUVENIRS, "หม้อน้ำดินเผาแบบมอญ", "Mon clay water pot", 30000,
      "หม้อน้ำดินเผาพร้อมฝาแบบมอญ ทำให้น้ำเย็นตามธรรมชาติ จุ 3 ลิตร",
      "Lidded Mon clay pot that cools water naturally. 3 litres."),
    P("aranyik", SOUVENIRS, "มีดอรัญญิกหั่นผัก 8 นิ้ว", "Aranyik kitchen knife, 8 in", 45000,
      "มีดทำครัวเหล็กกล้าตีมือ ด้ามไม้มะขาม คมทนนาน ลับง่าย",
      "Hand-forged steel kitchen knife with a tamarind-wood handle; holds an edge, sharpens easily."),
    P("aranyik", SOUVENIRS, "มีดพร้าอรัญญิก", "Aranyik machete", 65000,
      "มีดพร้าเหล็กแหนบตีมือสำหรับงานสวน ด้ามไม้เนื้อแข็ง พร้อมฝักไม้",
      "Hand-forged spring-steel machete for garden work, hardwood handle and wooden sheath."),
    P("aranyik", SOUVENIRS, "ชุดมีดครัวอรัญญิก 3 เล่ม", "Aranyik kitchen knife set of 3", 120000,
      "มีดปอก มีดหั่น และมีดสับ ตีมือทุกเล่ม บรรจุกล่องไม้ของขวัญ",
      "Paring, slicing and chopping knives, each forged by hand, in a wooden gift box.", 10),
    P("bangrakam", SOUVENIRS, "กระเป๋าถือผักตบชวา", "Water hyacinth handbag", 59000,
      "กระเป๋าถือสานจากผักตบชวาตากแห้ง หูหนังแท้ ซับในผ้าฝ้าย",
      "Handbag woven from dried water hyacinth with leather handles and cotton lining."),
    P("bangrakam", SOUVENIRS, "ตะกร้าผักตบชวาทรงกลม", "Round water hyacinth basket", 32000,
      "ตะกร้าทรงกลมมีหูจับ ใช้ใส่ผ้าหรือของเล่น เส้นผ่านศูนย์กลาง 40 เซนติเมตร",
      "Round basket with handles for laundry or toys. 40 cm across."),
    P("bangrakam", SOUVENIRS, "แผ่นรองจานผักตบชวา 6 ชิ้น", "Water hyacinth place mats, 6", 29000,
      "แผ่นรองจานสานผักตบชวา กันร้อน ทำความสะอาดง่าย ชุด 6 ชิ้น",
      "Heat-resistant woven water hyacinth place mats, easy to clean. Set of six."),
    P("bangsakao", SOUVENIRS, "เสื่อกกจันทบูรลายดอก 5 ฟุต", "Chanthaburi floral reed mat, 5 ft", 65000,
      "เสื่อกกทอมือลายดอกสีสด ขนาด 150 x 200 เซนติเมตร พับเก็บได้ ทนทาน",
      "Handwoven reed mat with bright flowers, 150 × 200 cm; folds away, lasts for years."),
    P("bangsakao", SOUVENIRS, "กระเป๋าเสื่อกก", "Reed tote bag", 35000,
      "กระเป๋าสะพายจากเสื่อกกจันทบูร ขอบหนังเทียม ใส่ของไปตลาดหรือชายหาด",
      "Tote of Chanthaburi reed matting with faux-leather trim, for the market or the beach."),
    P("bangsakao", SOUVENIRS, "แผ่นรองแก้วกก 6 ชิ้น", "Reed coasters, 6", 12000,
      "ที่รองแก้วกกทอมือ ซับน้ำดี ชุด 6 ชิ้นหลากสี",
      "Handwoven reed coasters that soak up drips; six colours.", 60),
    P("namchiao", SOUVENIRS, "งอบน้ำเชี่ยว", "Nam Chiao palm-leaf hat (ngop)", 35000,
      "งอบสานจากใบจากและไม้ไผ่ กันแดดกันฝน สวมใส่สบายด้วยรังงอบด้านใน",
      "Nipa-palm and bamboo hat against sun and rain, with a woven inner crown for comfort."),
    P("namchiao", SOUVENIRS, "งอบจิ๋วสำหรับตกแต่ง", "Miniature ngop decoration", 9000,
      "งอบน้ำเชี่ยวขนาดจิ๋ว ใช้เป็นของที่ระลึกหรือแม่เหล็กติดตู้เย็น",
      "A tiny Nam Chiao ngop as a keepsake or fridge magnet.", 80),
    P("thalenoi", SOUVENIRS, "กระเป๋ากระจูดทะเลน้อย", "Thale Noi krajood handbag", 49000,
      "กระเป๋ากระจูดสานลายสอง น้ำหนักเบา ทนทาน ตกแต่งหูหนัง",
      "Twill-woven krajood handbag, light and tough, with leather handles."),
    P("thalenoi", SOUVENIRS, "เสื่อกระจูดพับได้", "Foldable krajood mat", 42000,
      "เสื่อกระจูดพับได้สำหรับปิกนิกหรือปูนอน เย็นสบาย ขนาด 90 x 180 เซนติเมตร",
      "Folding krajood mat for picnics or sleeping, cool to lie on. 90 × 180 cm."),
    P("thalenoi", SOUVENIRS, "กล่องใส่ทิชชูกระจูด", "Krajood tissue box", 18000,
      "กล่องทิชชูสานกระจูดทรงเหลี่ยม มีฝาปิด ใส่กระดาษทิชชูแบบแผ่นได้",
      "Square woven krajood tissue box with a lid, for flat tissue packs."),
    P("nakha", SOUVENIRS, "หมอนขิดสามเหลี่ยม 10 ช่อง", "Triangular khit cushion, 10 sections", 69000,
      "หมอนขวานผ้าขิดยัดนุ่นแน่น พับเป็นเบาะนั่งได้ ของใช้คู่บ้านอีสาน",
      "Triangular kapok-filled khit cushion that folds into a floor seat; an Isan household classic.", 15),
    P("phabat", SOUVENIRS, "ชามตราไก่ 6 นิ้ว", "Rooster bowl, 6 inch", 18000,
      "ชามเซรามิกลายไก่เขียนมือแบบดั้งเดิมของลำปาง ใช้ได้กับเครื่องล้างจานและไมโครเวฟ",
      "Lampang's classic hand-painted rooster bowl; dishwasher and microwave safe.", 40),
    P("phabat", SOUVENIRS, "แก้วมัคลายไก่", "Rooster mug", 22000,
      "แก้วมัคเซรามิกเขียนลายไก่และต้นกล้วย จุ 300 มิลลิลิตร",
      "Ceramic mug painted with the rooster and banana tree, 300 ml.", 40),
    P("phabat", SOUVENIRS, "ชุดจานชามตราไก่ 4 ใบ", "Rooster tableware set of four", 65000,
      "ชุดชามและจานลายไก่ 4 ชิ้น บรรจุกล่องของขวัญ เหมาะเป็นของฝากจากลำปาง",
      "Four rooster bowls and plates in a gift box, a keepsake from Lampang.", 15),
    # ---------------------------------------------------------------- สมุนไพรที่ไม่ใช่อาหาร — Herbal
    P("phanna", HERBAL, "ยาหม่องไพลสด", "Fresh phlai balm", 6000,
      "ยาหม่องจากน้ำมันไพลสดกลั่นเอง ผสมการบูรและเมนทอล ทาบรรเทาปวดเมื่อย 50 กรัม",
      "Balm of our own distilled phlai oil with camphor and menthol, for aching muscles. 50 g.", 100),
    P("phanna", HERBAL, "ลูกประคบสมุนไพรสด", "Fresh herbal compress balls, pair", 12000,
      "ลูกประคบไพล ขมิ้น ตะไคร้ และใบมะขาม ห่อผ้าดิบ นึ่งก่อนใช้ บรรจุ 2 ลูก",
      "Phlai, turmeric, lemongrass and tamarind leaf wrapped in cotton; steam before use. Two balls."),
    P("phanna", HERBAL, "สเปรย์ตะไคร้หอมไล่ยุง", "Citronella mosquito spray", 8900,
      "สเปรย์น้ำมันตะไคร้หอมกลั่น ไล่ยุงได้นานหลายชั่วโมง ไม่มีสารดีท 100 มิลลิลิตร",
      "Distilled citronella spray that keeps mosquitoes off for hours, DEET-free. 100 ml."),
    P("phanna", HERBAL, "น้ำมันนวดไพล", "Phlai massage oil", 15000,
      "น้ำมันไพลผสมน้ำมันมะพร้าว ใช้นวดคลายกล้ามเนื้อแบบแผนไทย 120 มิลลิลิตร",
      "Phlai in coconut oil for Thai-style muscle massage. 120 ml."),
    P("phanna", HERBAL, "ยาดมสมุนไพรแบบตลับ", "Herbal inhaler tin", 4500,
      "ยาดมสมุนไพรพิมเสน การบูร และกานพลู ในตลับโลหะ สดชื่นเมื่อเวียนหัว",
      "Borneol, camphor and clove inhaler in a metal tin, reviving when you feel faint.", 120),
    P("phanna", HERBAL, "สบู่ขมิ้นชันน้ำผึ้ง", "Turmeric honey soap", 5500,
      "สบู่กลีเซอรีนผสมขมิ้นชันและน้ำผึ้งป่า ช่วยให้ผิวเนียนนุ่ม 100 กรัม",
      "Glycerine soap with turmeric and wild honey for soft skin. 100 g."),
    P("phanna", HERBAL, "แชมพูมะกรูดอัญชัน", "Kaffir lime and butterfly pea shampoo", 12000,
      "แชมพูสมุนไพรจากผิวมะกรูดและดอกอัญชัน ลดรังแค ผมดกดำเงางาม 250 มิลลิลิตร",
      "Herbal shampoo of kaffir lime peel and butterfly pea flowers against dandruff. 250 ml."),
    P("prachin", HERBAL, "ครีมบำรุงผิวหน้าขมิ้นชัน", "Turmeric face cream", 25000,
      "ครีมบำรุงผิวหน้าสารสกัดขมิ้นชันและว่านหางจระเข้ ซึมไว ไม่เหนียวเหนอะหนะ 30 กรัม",
      "Face cream with turmeric and aloe extracts; absorbs quickly, never sticky. 30 g."),
    P("prachin", HERBAL, "โลชั่นว่านหางจระเข้", "Aloe vera lotion", 15000,
      "โลชั่นบำรุงผิวกายจากว่านหางจระเข้สด ปลอบประโลมผิวหลังออกแดด 200 มิลลิลิตร",
      "Body lotion of fresh aloe vera that soothes skin after the sun. 200 ml."),
    P("prachin", HERBAL, "สบู่เหลวมะขามป้อม", "Indian gooseberry liquid soap", 14000,
      "สบู่เหลวอาบน้ำสารสกัดมะขามป้อม อุดมวิตามินซี ทำความสะอาดอย่างอ่อนโยน 300 มิลลิลิตร",
      "Gentle body wash with Indian gooseberry extract, rich in vitamin C. 300 ml."),
    P("prachin", HERBAL, "ยาสีฟันสมุนไพรกานพลู", "Clove herbal toothpaste", 9000,
      "ยาสีฟันสมุนไพรกานพลู ข่อย และเกลือ ลดกลิ่นปาก ลมหายใจสดชื่น 100 กรัม",
      "Toothpaste of clove, khoi and salt for fresh breath. 100 g."),
    P("prachin", HERBAL, "เจลพริกบรรเทาปวด", "Chilli warming gel", 13000,
      "เจลทาถูนวดสารสกัดพริกและไพล ให้ความอุ่นบรรเทาปวดข้อและกล้ามเนื้อ 50 กรัม",
      "Massage gel of chilli and phlai extracts, warming for sore joints and muscles. 50 g."),
    P("prachin", HERBAL, "น้ำมันเหลืองสมุนไพร", "Yellow herbal oil", 7500,
      "น้ำมันเหลืองสูตรโบราณ ทาแก้ฟกช้ำ แมลงกัดต่อย และวิงเวียน 24 มิลลิลิตร",
      "The classic yellow oil for bruises, insect bites and dizziness. 24 ml.", 120),
    P("prachin", HERBAL, "เกลือสปาขัดผิวมะขาม", "Tamarind spa salt scrub", 16000,
      "เกลือสปาผสมเนื้อมะขามและน้ำผึ้ง ขัดผิวให้เรียบเนียนกระจ่างใส 300 กรัม",
      "Spa salt with tamarind pulp and honey for smooth, bright skin. 300 g."),
    P("prachin", HERBAL, "ลิปบาล์มขี้ผึ้งธรรมชาติ", "Natural beeswax lip balm", 7000,
      "ลิปบาล์มจากขี้ผึ้งแท้และน้ำมันมะพร้าว กลิ่นตะไคร้อ่อนๆ 10 กรัม",
      "Lip balm of pure beeswax and coconut oil with a hint of lemongrass. 10 g.", 100),
    P("maekampong", HERBAL, "หมอนใบชาอบแห้ง", "Dried tea-leaf pillow", 35000,
      "หมอนหนุนยัดใบชาเมี่ยงอบแห้ง กลิ่นหอมอ่อนช่วยให้หลับสบาย ขนาด 30 x 45 เซนติเมตร",
      "Pillow filled with dried miang tea leaves; the soft scent helps you sleep. 30 × 45 cm.", 15),
    P("maekampong", HERBAL, "ถุงหอมสมุนไพรใบชา", "Tea and herb scented sachet", 9000,
      "ถุงหอมผ้าฝ้ายบรรจุใบชา ตะไคร้ และดอกคำฝอย ใช้ในตู้เสื้อผ้าหรือรถยนต์",
      "Cotton sachet of tea leaves, lemongrass and safflower for wardrobes or the car.", 70),
    P("maekampong", HERBAL, "สบู่กาแฟขัดผิว", "Coffee scrub soap", 6500,
      "สบู่ผสมกากกาแฟแม่กำปองและน้ำมันมะพร้าว ขัดผิวอย่างอ่อนโยน 100 กรัม",
      "Soap with Mae Kampong coffee grounds and coconut oil for a gentle scrub. 100 g."),
    P("khiriwong", HERBAL, "สบู่เปลือกมังคุด", "Mangosteen peel soap", 6000,
      "สบู่สารสกัดเปลือกมังคุดจากสวนคีรีวง ช่วยลดสิวและผดผื่น 100 กรัม",
      "Soap with mangosteen-peel extract from Khiriwong gardens, for blemishes and rashes. 100 g."),
    P("khiriwong", HERBAL, "ครีมบำรุงผิวเปลือกมังคุด", "Mangosteen peel skin cream", 19000,
      "ครีมบำรุงผิวกายสารสกัดเปลือกมังคุดและน้ำมันรำข้าว ผิวชุ่มชื้นตลอดวัน 100 กรัม",
      "Body cream of mangosteen peel and rice bran oil, moisturising all day. 100 g."),
    P("khiriwong", HERBAL, "น้ำมันหอมระเหยตะไคร้ภูเขา", "Mountain lemongrass essential oil", 22000,
      "น้ำมันหอมระเหยกลั่นจากตะไคร้ภูเขาเขาหลวง ใช้กับเตาอโรมาหรือผสมน้ำมันนวด 10 มิลลิลิตร",
      "Essential oil distilled from Khao Luang mountain lemongrass, for diffusers or massage. 10 ml."),
    P("amphawa", HERBAL, "สครับน้ำตาลมะพร้าว", "Coconut sugar body scrub", 15000,
      "สครับขัดผิวจากน้ำตาลมะพร้าวและน้ำมันมะพร้าวสกัดเย็น หอมหวานละมุน 200 กรัม",
      "Body scrub of coconut sugar and cold-pressed coconut oil. 200 g."),
    P("amphawa", HERBAL, "น้ำมันมะพร้าวสกัดเย็นบำรุงผิว", "Cold-pressed coconut oil for skin", 14000,
      "น้ำมันมะพร้าวสกัดเย็นบริสุทธิ์ ใช้บำรุงผิวและเส้นผม 250 มิลลิลิตร",
      "Pure cold-pressed coconut oil for skin and hair. 250 ml."),
    P("takhu", HERBAL, "สบู่น้ำนมข้าว", "Rice milk soap", 5000,
      "สบู่น้ำนมข้าวหอมมะลิ ผสมน้ำมันรำข้าว อ่อนโยนต่อผิวบอบบาง 100 กรัม",
      "Jasmine rice milk soap with rice bran oil, gentle on sensitive skin. 100 g."),
    P("takhu", HERBAL, "โลชั่นน้ำมันรำข้าว", "Rice bran oil lotion", 18000,
      "โลชั่นบำรุงผิวจากน้ำมันรำข้าวไรซ์เบอร์รี่ อุดมวิตามินอี 200 มิลลิลิตร",
      "Body lotion of Riceberry bran oil, rich in vitamin E. 200 ml."),
    P("namchiao", HERBAL, "ยาหม่องเสลดพังพอน", "Sabah snake grass balm", 5500,
      "ยาหม่องสารสกัดเสลดพังพอน ทาบรรเทาอาการคันจากแมลงกัดต่อย 20 กรัม",
      "Balm of Sabah snake grass to calm itchy insect bites. 20 g.", 100),
    P("namchiao", HERBAL, "สบู่โคลนป่าชายเลน", "Mangrove mud soap", 6500,
      "สบู่ผสมโคลนป่าชายเลนบ้านน้ำเชี่ยว ช่วยดูดซับความมันบนผิว 100 กรัม",
      "Soap with Nam Chiao mangrove mud to absorb excess oil. 100 g."),
    P("chernchum", HERBAL, "สบู่ครามธรรมชาติ", "Natural indigo soap", 6000,
      "สบู่ผสมผงครามธรรมชาติจากสกลนคร สีฟ้าอ่อน ช่วยให้ผิวสะอาดสดชื่น 100 กรัม",
      "Pale blue soap with natural Sakon Nakhon indigo powder. 100 g."),
    P("chernchum", HERBAL, "แชมพูคราม", "Indigo herbal shampoo", 15000,
      "แชมพูสมุนไพรผสมครามและอัญชัน ช่วยให้เส้นผมแข็งแรงเงางาม 250 มิลลิลิตร",
      "Herbal shampoo with indigo and butterfly pea for strong, glossy hair. 250 ml."),
    P("phlapphla", HERBAL, "ยาหม่องกระวาน", "Cardamom balm", 6500,
      "ยาหม่องสูตรกระวานจันทบูร หอมเย็น ทาขมับแก้วิงเวียน 20 กรัม",
      "Balm of Chanthaburi cardamom, cool and fragrant; dab on the temples when dizzy. 20 g.", 90),
)

TOURS: tuple[DemoTour, ...] = (
    DemoTour("maekampong", "เที่ยวชุมชนบ้านแม่กำปอง เก็บชา ชิมกาแฟ",
             "Mae Kampong day: tea picking and coffee tasting",
             120000, 8, 12, "ศาลาอเนกประสงค์บ้านแม่กำปอง อำเภอแม่ออน",
             "เดินชมหมู่บ้านกลางหุบเขา เก็บใบชาเมี่ยงกับชาวบ้าน ชมไฟฟ้าพลังน้ำ "
             "ชิมกาแฟที่ปลูกใต้ร่มไม้ และรับประทานอาหารกลางวันแบบขันโตก",
             "Walk the valley village, pick miang tea with the villagers, see the micro-hydro plant, taste "
             "shade-grown coffee and share a khantoke lunch."),
    DemoTour("maesalong", "ทัวร์ไร่ชาดอยแม่สลองและชิมชาอูหลง",
             "Doi Mae Salong tea estate walk and oolong tasting",
             89000, 4, 10, "ตลาดเช้าดอยแม่สลอง อำเภอแม่ฟ้าหลวง",
             "เดินชมไร่ชาบนไหล่เขา เรียนรู้ขั้นตอนการนวดและคั่วชา "
             "แล้วชิมชาอูหลงหลายสายพันธุ์แบบกงฟูฉา",
             "Walk the hillside tea rows, learn how tea is rolled and roasted, then taste several oolongs in "
             "a gongfu ceremony."),
    DemoTour("nongbua", "เรียนทอผ้าลายน้ำไหลบ้านหนองบัว", "Learn Nam Lai weaving at Ban Nong Bua",
             95000, 5, 8, "วัดหนองบัว อำเภอท่าวังผา",
             "ชมจิตรกรรมฝาผนังวัดหนองบัว แล้วลงมือทอผ้าลายน้ำไหลกับช่างทอไทลื้อ "
             "กลับบ้านพร้อมผ้าทอผืนเล็กของตัวเอง",
             "See the murals of Wat Nong Bua, then weave the Nam Lai pattern beside Tai Lue weavers and take "
             "home your own small piece."),
    DemoTour("hatsiao", "เที่ยวชุมชนไทพวนหาดเสี้ยวและพิพิธภัณฑ์ผ้าโบราณ",
             "Hat Siao Tai Phuan village and antique textile museum", 60000, 4, 15,
             "พิพิธภัณฑ์ผ้าโบราณหาดเสี้ยว อำเภอศรีสัชนาลัย",
             "ชมผ้าซิ่นตีนจกอายุกว่าร้อยปี เยี่ยมบ้านช่างทอ "
             "และฟังเรื่องประเพณีบวชช้างของชาวไทพวน",
             "See century-old tin chok sarongs, visit weavers at home and hear about the Tai Phuan "
             "elephant ordination parade."),
    DemoTour("thasawang", "ชมการทอผ้าไหมยกทองบ้านท่าสว่าง", "Gold brocade silk weaving at Ban Tha Sawang",
             50000, 3, 20, "ศูนย์หัตถกรรมผ้าไหมบ้านท่าสว่าง อำเภอเมืองสุรินทร์",
             "ชมกี่ทอผ้ายกทองที่ใช้ตะกอหลายร้อยตะกอ และช่างทอที่ทำงานร่วมกันหลายคนบนกี่เดียว",
             "See brocade looms with hundreds of heddles and the team of weavers who work one loom "
             "together."),
    DemoTour("phon", "พักโฮมสเตย์ผู้ไทบ้านโพนและทอผ้าแพรวา",
             "Phu Thai homestay and phrae wa weaving at Ban Phon",
             150000, 24, 10, "ศูนย์ศิลปาชีพบ้านโพน อำเภอคำม่วง",
             "ค้างคืนกับครอบครัวชาวผู้ไท ร่วมพิธีบายศรีสู่ขวัญ "
             "และเรียนเก็บขิดผ้าแพรวากับแม่ช่างทอ รวมอาหารสามมื้อ",
             "Stay overnight with a Phu Thai family, join a baci welcome ceremony and learn phrae wa khit "
             "from a master weaver. Three meals included."),
    DemoTour("chernchum", "เวิร์กช็อปย้อมครามสกลนคร", "Sakon Nakhon indigo dyeing workshop",
             85000, 3, 12, "โรงย้อมครามกลุ่มธาตุเชิงชุม อำเภอเมืองสกลนคร",
             "เรียนรู้การก่อหม้อคราม มัดลายผ้า และย้อมผ้าพันคอฝ้ายของตัวเองกลับบ้าน",
             "Learn how an indigo vat is kept alive, tie your own pattern and dye a cotton scarf to "
             "take home."),
    DemoTour("kokret", "ล่องเรือรอบเกาะเกร็ดและปั้นดินเผาแบบมอญ", "Ko Kret boat loop and Mon pottery class",
             75000, 5, 15, "ท่าเรือวัดปรมัยยิกาวาส เกาะเกร็ด",
             "ล่องเรือรอบเกาะชมวิถีชาวมอญ เรียนปั้นและแกะลายดินเผา "
             "และชิมขนมมอญกับข้าวแช่ตำรับดั้งเดิม",
             "Circle the island by boat, try throwing and carving Mon pottery, and taste Mon sweets and "
             "khao chae."),
    DemoTour("namchiao", "พายเรือชมป่าชายเลนบ้านน้ำเชี่ยวและสานงอบ",
             "Paddle the Nam Chiao mangroves and weave a ngop hat", 89000, 5, 12,
             "ท่าเรือชุมชนบ้านน้ำเชี่ยว อำเภอแหลมงอบ",
             "พายเรือคายักลัดเลาะป่าชายเลน ปลูกต้นโกงกาง และเรียนสานงอบใบจากกับช่างในชุมชน",
             "Kayak through the mangroves, plant a mangrove seedling and learn to weave a palm-leaf "
             "ngop with "
             "village craftspeople."),
    DemoTour("banphe", "ทำกะปิกับแม่บ้านประมงบ้านเพ", "Shrimp-paste making with the Ban Phe fisherwomen",
             55000, 3, 10, "ท่าเรือประมงบ้านเพ อำเภอเมืองระยอง",
             "ชมเรือประมงพื้นบ้านกลับเข้าฝั่ง เรียนหมักเคยเป็นกะปิ "
             "และรับประทานอาหารทะเลสดฝีมือแม่บ้าน",
             "Watch the small boats come in, learn how krill becomes shrimp paste and eat a seafood meal "
             "cooked by the women of the village."),
    DemoTour("khubua", "ปั่นจักรยานเที่ยวคูบัวและชมการทอผ้าจก",
             "Cycle Khu Bua: Tai Yuan villages and chok weaving",
             65000, 4, 12, "ศูนย์วัฒนธรรมไทยวน วัดแคทราย ตำบลคูบัว",
             "ปั่นจักรยานผ่านทุ่งนาและโบราณสถานทวารวดี เยี่ยมบ้านช่างทอผ้าจกไทยวน "
             "และลองจกผ้าด้วยขนเม่น",
             "Ride past rice fields and Dvaravati ruins, visit Tai Yuan chok weavers and try picking a motif "
             "with a porcupine quill."),
    DemoTour("banlat", "วิถีตาลโตนดเมืองเพชร", "The palmyra palm life of Phetchaburi",
             69000, 4, 15, "ลานตาลกลุ่มตาลโตนดบ้านลาด อำเภอบ้านลาด",
             "ชมการขึ้นตาลรองน้ำตาลสด ลองเคี่ยวน้ำตาลโตนดในกระทะ "
             "และทำขนมตาลสูตรเมืองเพชร",
             "Watch the climbers collect sap, help boil palm sugar in the wide pans and make Phetchaburi's "
             "khanom tan cakes."),
    DemoTour("amphawa", "ล่องเรือดูหิ่งห้อยและเคี่ยวน้ำตาลมะพร้าวอัมพวา",
             "Amphawa coconut-sugar kitchen and firefly boat trip", 99000, 6, 12,
             "ท่าเรือตลาดน้ำอัมพวา อำเภออัมพวา",
             "เยี่ยมเตาตาลริมคลอง ลองเคี่ยวน้ำตาลมะพร้าว รับประทานอาหารเย็นที่ตลาดน้ำ "
             "แล้วล่องเรือชมหิ่งห้อยยามค่ำ",
             "Visit a canal-side sugar kitchen, help cook coconut sugar, have dinner at the floating market "
             "and take a boat to see the fireflies at night."),
    DemoTour("khiriwong", "เดินป่าคีรีวงและย้อมผ้าสีธรรมชาติ", "Khiriwong jungle walk and natural dyeing",
             110000, 7, 10, "ศูนย์ท่องเที่ยวชุมชนบ้านคีรีวง อำเภอลานสกา",
             "เดินป่าสวนสมรมเชิงเขาหลวงกับไกด์ชุมชน ชิมผลไม้ตามฤดูกาล "
             "และมัดย้อมผ้าด้วยสีจากธรรมชาติ",
             "Walk the forest gardens below Khao Luang with a village guide, taste the fruit of the season "
             "and tie-dye cloth with natural colours."),
    DemoTour("thalenoi", "ล่องเรือทะเลน้อยชมนกและสานกระจูด",
             "Thale Noi boat trip: water birds and krajood weaving",
             79000, 4, 12, "ท่าเรือทะเลน้อย อำเภอควนขนุน",
             "ล่องเรือชมนกน้ำและทุ่งบัวแดงยามเช้า ชมควายน้ำ "
             "แล้วเรียนสานกระจูดกับกลุ่มแม่บ้าน",
             "Boat out at dawn among water birds and red lotus, see the swimming buffalo, then learn krajood "
             "weaving with the village women."),
    DemoTour("chiangkhan", "ตักบาตรข้าวเหนียวและเดินเล่นเมืองเก่าเชียงคาน",
             "Chiang Khan sticky-rice alms round and old-town walk", 45000, 4, 15,
             "ท่าน้ำวัดศรีคุณเมือง อำเภอเชียงคาน",
             "ตักบาตรข้าวเหนียวยามเช้าริมโขง เดินชมบ้านไม้เก่าบนถนนชายโขง "
             "แวะดูการเย็บผ้าห่มนวมและชิมมะพร้าวแก้วกับแม่บ้าน",
             "Give sticky rice to the monks at dawn on the Mekong, stroll the old wooden shophouses and "
             "watch the quilt makers at work, with coconut candy from the women who make it."),
)

DEMO_PRODUCER_ENTERPRISES: tuple[str, ...] = ("bosang", "maekampong", "tawai")
"""The demo producer manages these (all in Chiang Mai, served by the demo company user)."""

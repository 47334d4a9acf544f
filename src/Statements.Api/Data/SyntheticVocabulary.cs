// The word lists the seed-synthetic command builds its data from: names of several countries (with Cyrillic,
// Chinese and Japanese spellings where the country writes names that way), places, offices, publishers, a topic
// tree with keywords, and a few hundred common words that SyntheticData composes into sentences. Lists are
// ordered from most to least used: the generator picks from them with Zipf-like weights, so that some words
// are in most statements and others in about one in a hundred, as in real text.
namespace Statements.Api.Data;

internal static class SyntheticVocabulary
{
    /// <summary>A first name; Native is the name in the country's own script, Alternative another spelling or a short form.</summary>
    public sealed record FirstName(string Latin, string? Native, bool Female, string? Alternative = null);

    public sealed record LastName(string Latin, string? Native);

    /// <summary>
    /// Names of one language area. FamilyFirst: the family name comes first (Wang Wei). Patronymics: the middle
    /// names of Russian-style full names (male, female, male native, female native).
    /// </summary>
    public sealed record NamePool(
        string Key, string[] Countries, string Language, bool FamilyFirst, bool NativeWithoutSpace,
        FirstName[] FirstNames, LastName[] LastNames, (string Male, string Female, string MaleNative, string FemaleNative)[]? Patronymics = null);

    public sealed record Country(string Code, string Name, string Capital, string[] Cities);

    public sealed record Office(string Title, string Organization, int Weight);

    public sealed record TopicSeed(string Name, string Description, string[] Keywords, TopicSeed[] Children);

    public sealed record Publisher(string Name, string Domain, string Language);

    private static FirstName M(string latin, string? native = null, string? alternative = null) => new(latin, native, false, alternative);
    private static FirstName F(string latin, string? native = null, string? alternative = null) => new(latin, native, true, alternative);
    private static LastName L(string latin, string? native = null) => new(latin, native);

    public static readonly Country[] Countries =
    [
        new("US", "the United States", "Washington", ["New York", "Chicago", "Los Angeles", "Boston", "San Francisco"]),
        new("GB", "the United Kingdom", "London", ["Manchester", "Edinburgh", "Birmingham", "Glasgow"]),
        new("CA", "Canada", "Ottawa", ["Toronto", "Montreal", "Vancouver"]),
        new("AU", "Australia", "Canberra", ["Sydney", "Melbourne", "Perth"]),
        new("IE", "Ireland", "Dublin", ["Cork", "Galway"]),
        new("RU", "Russia", "Moscow", ["Saint Petersburg", "Kazan", "Sochi", "Vladivostok", "Yekaterinburg"]),
        new("BY", "Belarus", "Minsk", ["Brest", "Gomel"]),
        new("KZ", "Kazakhstan", "Astana", ["Almaty", "Shymkent"]),
        new("UA", "Ukraine", "Kyiv", ["Lviv", "Odesa", "Kharkiv", "Dnipro"]),
        new("FR", "France", "Paris", ["Lyon", "Marseille", "Strasbourg", "Bordeaux", "Nice"]),
        new("BE", "Belgium", "Brussels", ["Antwerp", "Liege"]),
        new("CH", "Switzerland", "Bern", ["Geneva", "Zurich", "Davos", "Lausanne"]),
        new("DE", "Germany", "Berlin", ["Munich", "Hamburg", "Frankfurt", "Cologne", "Bonn"]),
        new("AT", "Austria", "Vienna", ["Salzburg", "Graz"]),
        new("ES", "Spain", "Madrid", ["Barcelona", "Seville", "Valencia"]),
        new("MX", "Mexico", "Mexico City", ["Guadalajara", "Monterrey"]),
        new("AR", "Argentina", "Buenos Aires", ["Cordoba", "Rosario"]),
        new("IT", "Italy", "Rome", ["Milan", "Naples", "Florence", "Turin"]),
        new("PL", "Poland", "Warsaw", ["Krakow", "Gdansk", "Wroclaw"]),
        new("CN", "China", "Beijing", ["Shanghai", "Guangzhou", "Shenzhen", "Hangzhou"]),
        new("JP", "Japan", "Tokyo", ["Osaka", "Kyoto", "Hiroshima", "Nagoya"]),
        new("IN", "India", "New Delhi", ["Mumbai", "Bengaluru", "Kolkata", "Chennai"]),
        new("BR", "Brazil", "Brasilia", ["Sao Paulo", "Rio de Janeiro", "Salvador"]),
        new("PT", "Portugal", "Lisbon", ["Porto", "Coimbra"]),
        new("TR", "Turkey", "Ankara", ["Istanbul", "Izmir", "Antalya"]),
        new("EG", "Egypt", "Cairo", ["Alexandria", "Sharm el-Sheikh"]),
        new("SA", "Saudi Arabia", "Riyadh", ["Jeddah", "Dammam"]),
        new("AE", "the United Arab Emirates", "Abu Dhabi", ["Dubai", "Sharjah"]),
        new("MA", "Morocco", "Rabat", ["Casablanca", "Marrakesh"]),
    ];

    public static readonly NamePool[] NamePools =
    [
        new("en", ["US", "US", "US", "GB", "GB", "CA", "AU", "IE"], "en", false, false,
            [M("John", alternative: "Jack"), M("William", alternative: "Bill"), M("Robert", alternative: "Bob"), M("James", alternative: "Jim"),
             M("Michael", alternative: "Mike"), M("Thomas", alternative: "Tom"), M("Anthony", alternative: "Tony"), M("Richard"), M("David"),
             M("Joseph", alternative: "Joe"), M("Christopher", alternative: "Chris"), M("Daniel", alternative: "Dan"), M("Edward", alternative: "Ed"),
             F("Elizabeth", alternative: "Liz"), F("Margaret", alternative: "Maggie"), F("Susan", alternative: "Sue"), F("Katherine", alternative: "Kate"),
             F("Mary"), F("Patricia", alternative: "Pat"), F("Jennifer", alternative: "Jenny"), F("Hillary"), F("Nancy"), F("Rebecca", alternative: "Becky")],
            [L("Smith"), L("Johnson"), L("Williams"), L("Brown"), L("Jones"), L("Miller"), L("Davis"), L("Wilson"), L("Anderson"), L("Taylor"),
             L("Thomas"), L("Moore"), L("Clark"), L("Walker"), L("Hughes"), L("Wright"), L("Campbell"), L("Mitchell"), L("Carter"), L("Turner"),
             L("Parker"), L("Collins"), L("Stewart"), L("Morgan"), L("Bennett"), L("Cooper"), L("Reed"), L("Kelly"), L("Murphy"), L("Graham")]),
        new("ru", ["RU", "RU", "RU", "BY", "KZ"], "ru", false, false,
            [M("Sergei", "Сергей", "Sergey"), M("Alexei", "Алексей", "Aleksey"), M("Dmitry", "Дмитрий", "Dmitri"), M("Vladimir", "Владимир"),
             M("Andrei", "Андрей", "Andrey"), M("Mikhail", "Михаил", "Michail"), M("Nikolai", "Николай", "Nikolay"), M("Yuri", "Юрий", "Yury"),
             M("Ivan", "Иван"), M("Pavel", "Павел"), M("Alexander", "Александр", "Aleksandr"), M("Viktor", "Виктор", "Victor"),
             F("Maria", "Мария", "Mariya"), F("Elena", "Елена", "Yelena"), F("Olga", "Ольга"), F("Tatiana", "Татьяна", "Tatyana"),
             F("Anna", "Анна"), F("Valentina", "Валентина"), F("Svetlana", "Светлана"), F("Irina", "Ирина"), F("Natalia", "Наталья", "Natalya"),
             F("Ekaterina", "Екатерина", "Yekaterina")],
            [L("Ivanov", "Иванов"), L("Petrov", "Петров"), L("Smirnov", "Смирнов"), L("Volkov", "Волков"), L("Sokolov", "Соколов"),
             L("Popov", "Попов"), L("Lebedev", "Лебедев"), L("Kozlov", "Козлов"), L("Novikov", "Новиков"), L("Morozov", "Морозов"),
             L("Orlov", "Орлов"), L("Fedorov", "Федоров"), L("Zakharov", "Захаров"), L("Belov", "Белов"), L("Vinogradov", "Виноградов"),
             L("Kuznetsov", "Кузнецов"), L("Pavlov", "Павлов"), L("Semenov", "Семенов"), L("Egorov", "Егоров"), L("Nikitin", "Никитин"),
             L("Golovin", "Головин"), L("Karpov", "Карпов"), L("Gromov", "Громов"), L("Tarasov", "Тарасов"), L("Rybakov", "Рыбаков")],
            [("Viktorovich", "Viktorovna", "Викторович", "Викторовна"), ("Ivanovich", "Ivanovna", "Иванович", "Ивановна"),
             ("Sergeyevich", "Sergeyevna", "Сергеевич", "Сергеевна"), ("Alexandrovich", "Alexandrovna", "Александрович", "Александровна"),
             ("Nikolayevich", "Nikolayevna", "Николаевич", "Николаевна"), ("Petrovich", "Petrovna", "Петрович", "Петровна"),
             ("Mikhailovich", "Mikhailovna", "Михайлович", "Михайловна"), ("Vladimirovich", "Vladimirovna", "Владимирович", "Владимировна"),
             ("Yuryevich", "Yuryevna", "Юрьевич", "Юрьевна"), ("Anatolyevich", "Anatolyevna", "Анатольевич", "Анатольевна")]),
        new("uk", ["UA"], "en", false, false,
            [M("Oleksandr", "Олександр", "Alexander"), M("Andriy", "Андрій", "Andrii"), M("Dmytro", "Дмитро", "Dmitry"),
             M("Serhiy", "Сергій", "Sergiy"), M("Volodymyr", "Володимир", "Vladimir"), M("Taras", "Тарас"), M("Mykola", "Микола", "Nikolai"),
             M("Vitaliy", "Віталій", "Vitali"), M("Petro", "Петро", "Pyotr"), M("Denys", "Денис", "Denis"),
             F("Yuliya", "Юлія", "Yulia"), F("Olena", "Олена", "Elena"), F("Iryna", "Ірина", "Irina"), F("Oksana", "Оксана"), F("Nataliya", "Наталія", "Natalia")],
            [L("Shevchenko", "Шевченко"), L("Kovalenko", "Коваленко"), L("Bondarenko", "Бондаренко"), L("Tkachenko", "Ткаченко"),
             L("Kravchenko", "Кравченко"), L("Melnyk", "Мельник"), L("Oliynyk", "Олійник"), L("Lysenko", "Лисенко"), L("Marchenko", "Марченко"),
             L("Rudenko", "Руденко"), L("Savchenko", "Савченко"), L("Petrenko", "Петренко"), L("Boyko", "Бойко"), L("Moroz", "Мороз"),
             L("Kovalchuk", "Ковальчук"), L("Polishchuk", "Поліщук")]),
        new("fr", ["FR", "FR", "FR", "BE", "CH"], "fr", false, false,
            [M("Jean"), M("Pierre"), M("Michel"), M("Philippe"), M("Nicolas"), M("François", alternative: "Francois"), M("Emmanuel"), M("Laurent"),
             M("Bruno"), M("Olivier"), F("Marie"), F("Catherine"), F("Isabelle"), F("Sylvie"), F("Christine"), F("Ségolène", alternative: "Segolene"),
             F("Hélène", alternative: "Helene"), F("Élisabeth", alternative: "Elisabeth")],
            [L("Martin"), L("Bernard"), L("Dubois"), L("Thomas"), L("Robert"), L("Richard"), L("Petit"), L("Durand"), L("Leroy"), L("Moreau"),
             L("Simon"), L("Laurent"), L("Lefèvre"), L("Michel"), L("Garnier"), L("Fontaine"), L("Rousseau"), L("Vincent"), L("Mercier"), L("Chevalier")]),
        new("de", ["DE", "DE", "DE", "AT", "CH"], "de", false, false,
            [M("Wolfgang"), M("Frank-Walter"), M("Thomas"), M("Peter"), M("Hans"), M("Klaus"), M("Jürgen", alternative: "Juergen"), M("Stefan"),
             M("Markus"), M("Olaf"), F("Angela"), F("Ursula"), F("Annalena"), F("Christine"), F("Sabine"), F("Petra"), F("Karin"), F("Brigitte")],
            [L("Müller"), L("Schmidt"), L("Schneider"), L("Fischer"), L("Weber"), L("Meyer"), L("Wagner"), L("Becker"), L("Schulz"), L("Hoffmann"),
             L("Koch"), L("Richter"), L("Klein"), L("Wolf"), L("Schröder"), L("Neumann"), L("Braun"), L("Zimmermann"), L("Krüger"), L("Hartmann")]),
        new("es", ["ES", "ES", "MX", "AR"], "en", false, false,
            [M("José", alternative: "Jose"), M("Juan"), M("Carlos"), M("Luis"), M("Pedro"), M("Alberto"), M("Andrés", alternative: "Andres"), M("Jorge"),
             F("María", alternative: "Maria"), F("Carmen"), F("Ana"), F("Cristina"), F("Isabel"), F("Teresa"), F("Lucía", alternative: "Lucia")],
            [L("García"), L("Fernández"), L("González"), L("Rodríguez"), L("López"), L("Martínez"), L("Sánchez"), L("Pérez"), L("Gómez"),
             L("Díaz"), L("Moreno"), L("Romero"), L("Navarro"), L("Torres"), L("Ruiz"), L("Castillo")]),
        new("it", ["IT"], "en", false, false,
            [M("Giuseppe"), M("Giovanni"), M("Mario"), M("Paolo"), M("Matteo"), M("Sergio"), M("Luigi"), M("Enrico"),
             F("Giorgia"), F("Francesca"), F("Laura"), F("Giulia"), F("Paola"), F("Chiara")],
            [L("Rossi"), L("Russo"), L("Ferrari"), L("Esposito"), L("Bianchi"), L("Romano"), L("Colombo"), L("Ricci"), L("Marino"),
             L("Greco"), L("Conti"), L("De Luca"), L("Gallo"), L("Lombardi")]),
        new("pl", ["PL"], "en", false, false,
            [M("Andrzej"), M("Piotr"), M("Krzysztof"), M("Tomasz"), M("Marek"), M("Jarosław", alternative: "Jaroslaw"), M("Radosław", alternative: "Radoslaw"),
             F("Anna"), F("Agnieszka"), F("Beata"), F("Ewa"), F("Małgorzata", alternative: "Malgorzata")],
            [L("Nowak"), L("Kowalczyk"), L("Wiśniewski"), L("Wójcik"), L("Kamiński"), L("Lewandowski"), L("Zieliński"), L("Szymański"),
             L("Dąbrowski"), L("Mazur"), L("Jankowski"), L("Kaczmarek")]),
        new("zh", ["CN"], "en", true, true,
            [M("Wei", "伟"), M("Qiang", "强"), M("Lei", "磊"), M("Jun", "军"), M("Yong", "勇"), M("Jie", "杰"), M("Tao", "涛"), M("Ming", "明"),
             F("Fang", "芳"), F("Min", "敏"), F("Jing", "静"), F("Yan", "艳"), F("Li", "丽"), F("Hua", "华")],
            [L("Wang", "王"), L("Li", "李"), L("Zhang", "张"), L("Liu", "刘"), L("Chen", "陈"), L("Yang", "杨"), L("Zhao", "赵"), L("Huang", "黄"),
             L("Zhou", "周"), L("Wu", "吴"), L("Xu", "徐"), L("Sun", "孙"), L("Ma", "马"), L("Hu", "胡"), L("Guo", "郭")]),
        new("ja", ["JP"], "en", false, true,
            [M("Hiroshi", "浩"), M("Takeshi", "武"), M("Akira", "明"), M("Kenji", "健二"), M("Naoki", "直樹"), M("Taro", "太郎"), M("Makoto", "誠"),
             M("Shinzo", "晋三"), F("Yuko", "裕子"), F("Yoshiko", "良子"), F("Haruka", "遥"), F("Keiko", "恵子"), F("Tomoko", "智子")],
            [L("Tanaka", "田中"), L("Suzuki", "鈴木"), L("Sato", "佐藤"), L("Takahashi", "高橋"), L("Watanabe", "渡辺"), L("Ito", "伊藤"),
             L("Yamamoto", "山本"), L("Nakamura", "中村"), L("Kobayashi", "小林"), L("Kato", "加藤"), L("Yoshida", "吉田"), L("Matsumoto", "松本")]),
        new("in", ["IN"], "en", false, false,
            [M("Rahul"), M("Amit"), M("Rajesh"), M("Sanjay"), M("Vijay"), M("Arun"), M("Subrahmanyam"),
             F("Priya"), F("Sunita"), F("Nirmala"), F("Anjali"), F("Smriti"), F("Kavita")],
            [L("Sharma"), L("Singh"), L("Kumar"), L("Gupta"), L("Patel"), L("Reddy"), L("Iyer"), L("Nair"), L("Joshi"), L("Mehta"),
             L("Chatterjee"), L("Rao"), L("Verma"), L("Das")]),
        new("pt", ["BR", "BR", "PT"], "en", false, false,
            [M("João", alternative: "Joao"), M("Luiz", alternative: "Luis"), M("Paulo"), M("Marcelo"), M("Fernando"), M("Antônio", alternative: "Antonio"),
             F("Ana"), F("Dilma"), F("Mariana"), F("Beatriz"), F("Fernanda")],
            [L("Silva"), L("Santos"), L("Oliveira"), L("Souza"), L("Costa"), L("Pereira"), L("Almeida"), L("Carvalho"), L("Ribeiro"),
             L("Rocha"), L("Barbosa"), L("Mendes")]),
        new("tr", ["TR"], "en", false, false,
            [M("Mehmet"), M("Mustafa"), M("Ahmet"), M("Ali"), M("Hakan"), M("Mevlüt", alternative: "Mevlut"), M("Kemal"),
             F("Ayşe", alternative: "Ayse"), F("Fatma"), F("Zeynep"), F("Elif"), F("Emine")],
            [L("Yılmaz"), L("Kaya"), L("Demir"), L("Şahin"), L("Çelik"), L("Yıldız"), L("Aydın"), L("Öztürk"), L("Arslan"), L("Doğan")]),
        new("ar", ["EG", "SA", "AE", "MA"], "en", false, false,
            [M("Mohammed", alternative: "Muhammad"), M("Ahmed", alternative: "Ahmad"), M("Abdullah"), M("Khalid"), M("Omar"), M("Youssef", alternative: "Yusuf"),
             M("Hassan"), M("Sameh"), F("Fatima"), F("Aisha"), F("Leila", alternative: "Layla"), F("Nadia"), F("Rania")],
            [L("Al-Saud"), L("Hassan"), L("Ibrahim"), L("Mansour"), L("Al-Nahyan"), L("Shoukry"), L("El-Sisi"), L("Bourita"), L("Haddad"),
             L("Khoury"), L("Nasser"), L("Farouk")]),
    ];

    /// <summary>How often a new official comes from each pool (same order as <see cref="NamePools"/>).</summary>
    public static readonly int[] NamePoolWeights = [26, 12, 6, 7, 7, 6, 4, 4, 7, 5, 5, 4, 3, 4];

    /// <summary>National offices; {country} and {capital} are filled in from the official's country.</summary>
    public static readonly Office[] NationalOffices =
    [
        new("Minister of Foreign Affairs", "Ministry of Foreign Affairs of {country}", 12),
        new("Member of Parliament", "Parliament of {country}", 12),
        new("Spokesperson of the Ministry of Foreign Affairs", "Ministry of Foreign Affairs of {country}", 6),
        new("Deputy Minister of Foreign Affairs", "Ministry of Foreign Affairs of {country}", 6),
        new("Minister of Defence", "Ministry of Defence of {country}", 6),
        new("Minister of Finance", "Ministry of Finance of {country}", 6),
        new("Minister of Economy", "Ministry of Economy of {country}", 5),
        new("Minister of Energy", "Ministry of Energy of {country}", 4),
        new("Minister of Health", "Ministry of Health of {country}", 4),
        new("Minister of the Interior", "Ministry of the Interior of {country}", 4),
        new("Minister of Trade", "Ministry of Trade of {country}", 3),
        new("Minister of the Environment", "Ministry of the Environment of {country}", 3),
        new("Prime Minister", "Government of {country}", 3),
        new("President", "Office of the President of {country}", 2),
        new("Speaker of Parliament", "Parliament of {country}", 2),
        new("National Security Adviser", "Office of the President of {country}", 2),
        new("Governor of the Central Bank", "Central Bank of {country}", 2),
        new("Permanent Representative to the United Nations", "Permanent Mission of {country} to the United Nations", 3),
        new("Ambassador to {other}", "Ministry of Foreign Affairs of {country}", 5),
        new("Mayor of {capital}", "City of {capital}", 2),
    ];

    /// <summary>Offices of international organisations, held by officials with no country.</summary>
    public static readonly Office[] InternationalOffices =
    [
        new("Secretary-General", "United Nations", 1),
        new("Spokesperson for the Secretary-General", "United Nations", 3),
        new("Special Envoy", "United Nations", 3),
        new("High Commissioner for Refugees", "United Nations", 1),
        new("Secretary General", "NATO", 1),
        new("President of the European Commission", "European Commission", 1),
        new("High Representative for Foreign Affairs and Security Policy", "European Union", 1),
        new("Director-General", "World Health Organization", 1),
        new("Managing Director", "International Monetary Fund", 1),
        new("Director General", "International Atomic Energy Agency", 1),
        new("Director-General", "World Trade Organization", 1),
        new("President", "World Bank Group", 1),
    ];

    public static readonly Publisher[] Publishers =
    [
        new("The Daily Chronicle", "daily-chronicle.example", "en"),
        new("World Affairs Review", "worldaffairs.example", "en"),
        new("Capital Wire", "capitalwire.example", "en"),
        new("The Evening Ledger", "eveningledger.example", "en"),
        new("Global News Service", "gns.example", "en"),
        new("The Northern Herald", "northernherald.example", "en"),
        new("Policy Monitor", "policymonitor.example", "en"),
        new("Diplomatic Courier Weekly", "dipcourier.example", "en"),
        new("Economic Observer", "econobserver.example", "en"),
        new("Metro Post", "metropost.example", "en"),
        new("Вестник дня", "vestnik-dnya.example", "ru"),
        new("Новая газета регионов", "gazeta-regionov.example", "ru"),
        new("Le Courrier du matin", "courrier-matin.example", "fr"),
        new("La Tribune européenne", "tribune-europeenne.example", "fr"),
        new("Berliner Tagesbote", "tagesbote.example", "de"),
        new("Rheinische Rundschau", "rundschau.example", "de"),
    ];

    public static readonly TopicSeed[] Topics =
    [
        new("Foreign policy", "Relations between states and the conduct of diplomacy.", ["foreign policy", "diplomacy", "diplomatic relations"],
        [
            new("Bilateral relations", "Relations between two states.", ["bilateral relations", "bilateral ties", "strategic partnership"], []),
            new("Sanctions", "Economic and political sanctions and their lifting.", ["sanctions", "sanctions regime", "restrictive measures"], []),
            new("United Nations", "The United Nations, its Security Council and agencies.", ["United Nations", "Security Council", "General Assembly"], []),
            new("Non-interference in internal affairs", "The principle that states stay out of each other's internal affairs.", ["non-interference", "internal affairs", "sovereignty"], []),
            new("Peace talks", "Negotiations to end armed conflicts.", ["peace talks", "ceasefire", "peace agreement", "negotiations"], []),
            new("Development aid", "Aid to poorer countries and its conditions.", ["development aid", "humanitarian aid", "donors"], []),
        ]),
        new("Security and defence", "Armed forces, alliances and threats to security.", ["national security", "defence", "armed forces"],
        [
            new("Strategic stability", "Nuclear deterrence, arms control and the dialogue between nuclear powers.", ["strategic stability", "arms control", "nuclear weapons", "nuclear powers"], []),
            new("NATO", "The North Atlantic alliance and its enlargement.", ["NATO", "North Atlantic alliance", "enlargement"], []),
            new("Terrorism", "Terrorist attacks and the fight against terrorism.", ["terrorism", "terrorist attacks", "counterterrorism"], []),
            new("Cybersecurity", "Attacks on and the protection of computer networks.", ["cybersecurity", "cyber attacks", "hackers"], []),
            new("Defence spending", "Military budgets and procurement.", ["defence spending", "military budget", "weapons deliveries"], []),
        ]),
        new("Economy", "Growth, jobs, prices and public finances.", ["economy", "economic growth", "recession"],
        [
            new("Inflation", "Rising prices and the cost of living.", ["inflation", "rising prices", "cost of living"], []),
            new("Monetary policy", "Central banks, interest rates and currencies.", ["interest rates", "central bank", "monetary policy", "exchange rate"], []),
            new("Public finances", "Budgets, taxes and public debt.", ["budget deficit", "public debt", "taxes", "tax reform"], []),
            new("Employment", "Jobs, wages and unemployment.", ["unemployment", "jobs", "minimum wage", "labour market"], []),
            new("Investment", "Foreign and domestic investment.", ["foreign investment", "investors", "investment climate"], []),
            new("Pensions", "Pension systems and their reform.", ["pensions", "pension reform", "retirement age"], []),
        ]),
        new("Trade", "Exports, imports and trade agreements.", ["trade", "exports", "imports"],
        [
            new("Trade agreements", "Free-trade and customs agreements.", ["free trade agreement", "trade deal", "customs union"], []),
            new("Tariffs", "Duties on imported goods and trade disputes.", ["tariffs", "import duties", "trade war"], []),
            new("World Trade Organization", "The WTO and its rules.", ["World Trade Organization", "WTO rules", "dispute settlement"], []),
            new("Supply chains", "The flow of goods and its disruptions.", ["supply chains", "shortages", "logistics"], []),
            new("Agriculture", "Farming, food prices and agricultural trade.", ["agriculture", "farmers", "grain exports", "food security"], []),
        ]),
        new("Energy", "Oil, gas, electricity and the energy supply.", ["energy", "energy security", "energy prices"],
        [
            new("Oil", "Oil production, prices and exports.", ["oil prices", "oil production", "OPEC"], []),
            new("Natural gas", "Gas supplies and pipelines.", ["natural gas", "gas pipeline", "gas supplies", "liquefied natural gas"], []),
            new("Nuclear energy", "Nuclear power plants and their safety.", ["nuclear power", "nuclear plant", "reactor"], []),
            new("Renewable energy", "Wind, solar and other renewable sources.", ["renewable energy", "solar power", "wind farms"], []),
            new("Electricity", "Power grids, electricity prices and blackouts.", ["electricity prices", "power grid", "blackouts"], []),
        ]),
        new("Climate and environment", "Climate change, pollution and nature.", ["climate change", "environment", "global warming"],
        [
            new("Emissions", "Greenhouse gas emissions and targets to cut them.", ["emissions", "carbon neutrality", "greenhouse gases"], []),
            new("Climate agreements", "The Paris Agreement and climate conferences.", ["Paris Agreement", "climate conference", "climate finance"], []),
            new("Natural disasters", "Floods, fires, droughts and earthquakes.", ["floods", "wildfires", "drought", "earthquake"], []),
            new("Biodiversity", "Forests, oceans and wildlife.", ["biodiversity", "deforestation", "oceans"], []),
        ]),
        new("Health", "Public health and health care.", ["public health", "health care", "hospitals"],
        [
            new("Pandemics", "Epidemics, pandemics and the response to them.", ["pandemic", "epidemic", "lockdown", "quarantine"], []),
            new("Vaccination", "Vaccines and vaccination campaigns.", ["vaccines", "vaccination", "immunisation"], []),
            new("Health care reform", "The financing and organisation of health care.", ["health insurance", "health care reform", "medical staff"], []),
            new("Medicines", "Drug prices, supplies and approvals.", ["medicines", "drug prices", "pharmaceutical companies"], []),
        ]),
        new("Migration", "Migration, asylum and borders.", ["migration", "migrants", "borders"],
        [
            new("Refugees", "Refugees and asylum seekers.", ["refugees", "asylum seekers", "asylum"], []),
            new("Border control", "The protection of borders and illegal crossings.", ["border control", "illegal crossings", "border guards"], []),
            new("Labour migration", "Workers moving between countries.", ["labour migration", "work permits", "foreign workers"], []),
        ]),
        new("Human rights", "Rights and freedoms of people.", ["human rights", "fundamental freedoms", "rule of law"],
        [
            new("Freedom of the press", "Journalists, media and censorship.", ["freedom of the press", "journalists", "censorship"], []),
            new("Elections", "Elections, their conduct and observation.", ["elections", "election observers", "voters", "referendum"], []),
            new("Corruption", "Bribery, corruption and its prosecution.", ["corruption", "bribery", "anti-corruption"], []),
            new("Minority rights", "The rights of national and religious minorities.", ["minorities", "minority rights", "discrimination"], []),
        ]),
        new("Technology", "Technology, the internet and innovation.", ["technology", "innovation", "digital economy"],
        [
            new("Artificial intelligence", "Artificial intelligence and its regulation.", ["artificial intelligence", "algorithms", "machine learning"], []),
            new("Space", "Space exploration and satellites.", ["space exploration", "satellites", "space station"], []),
            new("Telecommunications", "Networks, 5G and the internet.", ["internet", "telecommunications", "5G networks"], []),
            new("Data protection", "Privacy and personal data.", ["data protection", "personal data", "privacy"], []),
        ]),
        new("Education and culture", "Schools, universities, culture and heritage.", ["education", "culture", "young people"],
        [
            new("Schools", "Schools, teachers and curricula.", ["schools", "teachers", "curriculum"], []),
            new("Universities", "Higher education and research.", ["universities", "students", "scientific research"], []),
            new("Cultural heritage", "Museums, monuments and cultural exchange.", ["cultural heritage", "museums", "cultural exchange"], []),
        ]),
    ];

    // English building blocks. Each list runs from the most to the least used entry.

    /// <summary>Subjects that take any modal: "we" first, then plural ones.</summary>
    public static readonly string[] Subjects =
    [
        "we", "our partners", "our allies", "our colleagues", "our neighbours", "both sides", "many countries", "all parties",
        "the Europeans", "ordinary people", "our citizens", "the investors",
    ];

    /// <summary>Singular subjects, used with the <see cref="Modals"/> that do not change with the subject.</summary>
    public static readonly string[] SingularSubjects =
    [
        "the government", "our country", "this administration", "the international community", "everyone", "nobody",
        "the ministry", "the parliament", "the region", "the world", "the opposition", "the alliance",
    ];

    public static readonly string[] ThirdPersonSubjects =
    [
        "the government", "the country", "the authorities", "its partners", "the international community", "the ministry",
        "the parliament", "the allies", "the region", "the opposition", "the delegation", "the coalition",
    ];

    /// <summary>Modals that read the same after any subject.</summary>
    public static readonly string[] Modals = ["will", "must", "should", "cannot", "will not", "can", "may", "could", "would", "must not"];

    /// <summary>Modal phrases that follow "we" and plural subjects.</summary>
    public static readonly string[] PluralModals =
    [
        "are ready to", "intend to", "have decided to", "want to", "need to", "are going to", "have agreed to", "are prepared to",
        "refuse to", "hope to",
    ];

    public static readonly string[] PastModals =
    [
        "would", "could", "should", "had to", "would not", "intended to", "had decided to", "wanted to",
        "could not", "might", "had agreed to", "would have to",
    ];

    public static readonly string[] Verbs =
    [
        "support", "continue", "discuss", "strengthen", "develop", "protect", "improve", "defend", "review", "reject", "address",
        "respect", "expand", "reduce", "restore", "welcome", "oppose", "accept", "guarantee", "maintain", "resolve", "implement",
        "reform", "promote", "consider", "negotiate", "finance", "increase", "limit", "monitor", "renew", "extend", "prepare",
        "revise", "approve", "abandon", "postpone", "examine", "coordinate", "condemn", "preserve", "encourage", "rebuild",
        "simplify", "challenge", "clarify", "investigate", "modernise", "suspend", "ratify",
    ];

    public static readonly string[] PastVerbs =
    [
        "discussed", "supported", "agreed on", "reviewed", "signed", "rejected", "welcomed", "addressed", "raised", "examined",
        "approved", "criticised", "announced", "proposed", "completed", "postponed", "defended", "prepared", "negotiated", "adopted",
    ];

    public static readonly string[] Adjectives =
    [
        "new", "important", "serious", "common", "strong", "international", "national", "economic", "political", "open",
        "difficult", "clear", "long", "fair", "real", "necessary", "joint", "constructive", "direct", "full", "stable", "current",
        "regional", "global", "practical", "legal", "significant", "effective", "urgent", "sustainable", "balanced", "comprehensive",
        "mutual", "honest", "unacceptable", "reliable", "responsible", "transparent", "dangerous", "unprecedented", "pragmatic",
        "ambitious", "fragile", "predictable", "realistic", "historic", "decisive", "unilateral", "peaceful", "meaningful",
    ];

    public static readonly string[] Nouns =
    [
        "cooperation", "dialogue", "security", "agreement", "situation", "relations", "country", "development", "process", "work",
        "decision", "position", "interests", "partnership", "people", "future", "policy", "support", "approach", "economy", "principles",
        "region", "talks", "steps", "issues", "results", "efforts", "responsibility", "reform", "stability", "measures", "proposals",
        "commitments", "trust", "initiative", "framework", "institutions", "crisis", "agenda", "budget", "strategy", "interests of citizens",
        "obligations", "conditions", "programme", "investment", "growth", "infrastructure", "law", "majority", "consultations", "treaty",
        "guarantees", "mechanism", "conflict", "resources", "dignity", "sovereignty", "capacity", "balance", "neighbours", "solidarity",
        "transition", "legislation", "recovery", "mandate", "roadmap", "competitiveness", "prosperity", "transparency", "accountability",
        "compromise", "deadline", "coalition", "referendum", "delegation", "memorandum", "consensus", "deterrence", "escalation",
        "moratorium", "ultimatum", "provocation", "rhetoric", "sabotage", "embargo", "blockade", "concessions",
    ];

    public static readonly string[] Determiners = ["the", "our", "their", "such", "any"];

    public static readonly string[] Places =
    [
        "with our partners", "in the coming months", "at the highest level", "for our citizens", "without delay", "in the region",
        "this year", "step by step", "on an equal footing", "in good faith", "within the framework of international law",
        "as soon as possible", "together with our allies", "in the long term", "at every level", "on both sides", "in practice",
        "before the end of the year", "in the interests of all", "without preconditions", "through dialogue", "in full",
        "under any circumstances", "by peaceful means", "across the continent", "for the next generation", "at the negotiating table",
        "with the support of parliament", "despite the pressure", "on the basis of mutual respect",
    ];

    public static readonly string[] Times =
    [
        "last week", "yesterday", "today", "this morning", "last month", "in recent days", "over the past year", "during the talks",
        "at the meeting", "in our conversation", "in detail", "once again", "for the first time",
    ];

    public static readonly string[] Beliefs =
    [
        "I think that", "I believe that", "I am convinced that", "We are sure that", "It is obvious that", "Let me be clear:",
        "I want to stress that", "Frankly speaking,", "We know that", "I hope that", "There is no doubt that", "As I have said,",
    ];

    public static readonly string[] Reports =
    [
        "said that", "stated that", "stressed that", "noted that", "argued that", "warned that", "insisted that", "announced that",
        "told reporters that", "made clear that", "suggested that", "added that", "claimed that", "acknowledged that", "confirmed that",
    ];

    public static readonly string[] Priorities =
    [
        "remains a priority for us", "is the main question", "is on the agenda", "cannot wait", "is not negotiable",
        "requires a common approach", "is a matter of principle", "will be discussed", "deserves attention",
        "is a shared responsibility", "needs urgent solutions", "must not be politicised",
    ];

    public static readonly string[] Contexts =
    [
        "Press conference in {city}", "Remarks to reporters in {city}", "Interview with {publisher}", "Speech to parliament in {capital}",
        "Briefing at the ministry in {capital}", "Television interview", "Statement on social media", "Speech at a university in {city}",
        "Joint news conference in {city}", "Address to the nation", "Radio interview", "Round table in {city}",
    ];

    public static readonly string[] SummitNames = ["G20", "G7", "NATO", "BRICS", "EU", "climate", "peace", "security", "ASEAN", "energy"];

    /// <summary>Sentence pieces in the other languages of the data: subjects, verb phrases, objects and endings.</summary>
    public static readonly Dictionary<string, string[][]> OtherLanguages = new()
    {
        ["ru"] =
        [
            ["Мы", "Сегодня мы", "Поэтому мы", "Мы вместе с партнёрами", "Мы по-прежнему", "Мы все"],
            ["готовы обсуждать", "будем развивать", "поддерживаем", "не принимаем", "должны укреплять", "продолжим", "выступаем за", "отвергаем"],
            ["сотрудничество", "диалог", "стратегическую стабильность", "безопасность в регионе", "экономические связи", "эти предложения",
             "международное право", "торговые отношения", "энергетическую безопасность", "санкции", "переговоры", "взаимное уважение"],
            ["на равноправной основе", "без предварительных условий", "в ближайшее время", "с нашими партнёрами", "на высшем уровне", "в интересах граждан"],
        ],
        ["fr"] =
        [
            ["Nous", "Aujourd'hui, nous", "Ensemble, nous", "Nous aussi, nous", "C'est pourquoi nous", "Nous, Européens,"],
            ["soutenons", "devons renforcer", "allons poursuivre", "refusons", "voulons développer", "sommes prêts à examiner", "défendons"],
            ["la coopération", "le dialogue", "la sécurité européenne", "la transition énergétique", "les droits de l'homme", "cet accord",
             "la croissance", "le pouvoir d'achat", "la souveraineté", "les négociations", "la solidarité", "les réformes"],
            ["avec nos partenaires", "dans les prochains mois", "sans conditions préalables", "au plus haut niveau", "pour nos concitoyens", "dès maintenant"],
        ],
        ["de"] =
        [
            ["Wir", "Wir alle", "Wir Europäer", "Auch wir", "Wir als Regierung"],
            ["unterstützen", "stärken", "fördern", "verteidigen", "begrüßen", "kritisieren", "brauchen", "respektieren"],
            ["die Zusammenarbeit", "den Dialog", "die Sicherheit in Europa", "die Energiewende", "die Menschenrechte", "dieses Abkommen",
             "das Wachstum", "die Sanktionen", "die Verhandlungen", "den Klimaschutz", "die Solidarität", "die Reformen"],
            ["mit unseren Partnern", "in den kommenden Monaten", "ohne Vorbedingungen", "auf höchster Ebene", "für unsere Bürger", "ab sofort"],
        ],
    };
}
